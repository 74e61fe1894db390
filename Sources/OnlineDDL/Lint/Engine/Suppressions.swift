import OnlineDDLParsing

/// The ignore directives of one file and the statements each one covers.
struct Suppressions: Sendable {
    /// A directive with the statements it applies to (none for a file directive, or for a
    /// statement directive with no statement on or below it).
    struct Placement: Sendable {
        let directive: IgnoreDirective
        let statementIndices: [Int]
    }

    let placements: [Placement]

    /// Finds the directives of a script and places each one: a statement directive applies
    /// to every statement that shares a line with it, or, when it stands on lines of its own,
    /// to the statement right below its block of comment lines.
    init(script: SQLScript) {
        let statementLines = script.statements.map(Self.lines(of:))
        let standalone = script.comments.filter { comment in
            let lines = Self.lines(of: comment)
            return !statementLines.contains { $0.overlaps(lines) }
        }
        var standaloneByEndLine: [Int: [SQLComment]] = [:]
        for comment in standalone {
            standaloneByEndLine[Self.lines(of: comment).upperBound, default: []].append(comment)
        }
        var commentsAbove: [Range<Int>: [Int]] = [:]
        for (index, lines) in statementLines.enumerated() {
            var line = lines.lowerBound - 1
            while let block = standaloneByEndLine[line], let firstLine = block.map({ Self.lines(of: $0).lowerBound }).min() {
                for comment in block { commentsAbove[comment.byteRange, default: []].append(index) }
                line = firstLine - 1
            }
        }
        placements = script.comments.compactMap { comment in
            guard let directive = IgnoreDirective(comment: comment) else { return nil }
            guard directive.scope == .statement else { return Placement(directive: directive, statementIndices: []) }
            let lines = Self.lines(of: comment)
            let sharingLine = statementLines.indices.filter { statementLines[$0].overlaps(lines) }
            return Placement(directive: directive, statementIndices: sharingLine + (commentsAbove[comment.byteRange] ?? []))
        }
    }

    /// Whether a directive switches the finding off.
    func suppresses(_ finding: Finding) -> Bool {
        placements.contains { placement in
            guard placement.directive.covers(finding.ruleID) else { return false }
            switch placement.directive.scope {
            case .file: return true
            case .statement: return finding.statementIndex.map(placement.statementIndices.contains) ?? false
            }
        }
    }

    private static func lines(of statement: SQLStatement) -> ClosedRange<Int> {
        lines(startingAt: statement.location.line, text: statement.text)
    }

    private static func lines(of comment: SQLComment) -> ClosedRange<Int> {
        lines(startingAt: comment.location.line, text: comment.text)
    }

    private static func lines(startingAt line: Int, text: String) -> ClosedRange<Int> {
        line...(line + text.utf8.count { $0 == UInt8(ascii: "\n") })
    }
}
