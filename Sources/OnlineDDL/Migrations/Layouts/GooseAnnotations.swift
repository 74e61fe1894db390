import Foundation
import OnlineDDLParsing

/// The annotations of a goose SQL migration, found with PostgreSQL's scanner: the
/// statements after `-- +goose Up` run; those after `-- +goose Down` undo them and are not
/// run. `-- +goose NO TRANSACTION` runs the file statement by statement.
///
/// goose reads an annotation from a line that starts with `--` and holds `+goose`, the
/// annotation's name in any case (`internal/sqlparser/parser.go`, `extractAnnotation`).
/// `-- +goose StatementBegin` and `-- +goose StatementEnd` only group a statement for
/// goose's own splitter on semicolons; onlineddl splits with PostgreSQL's parser, so they
/// are checked (paired, in a section) and otherwise left as the comments they are.
/// `-- +goose ENVSUB ON` substitutes environment variables into the SQL, which onlineddl
/// does not do: it is refused.
struct GooseAnnotations: MigrationSections {
    static let downPart = "goose -- +goose Down part"

    /// The byte offset of the `-- +goose Down` comment (the file's size without one): what
    /// runs is the bytes before it.
    let upEnd: Int
    /// Where the `-- +goose Down` comment is, when a statement follows it.
    let downSection: SourceLocation?
    /// Whether the up part runs in one transaction (goose's default).
    let transaction: Bool

    /// goose's annotations, spelled as goose prints them.
    enum Annotation: String, CaseIterable {
        case up = "Up"
        case down = "Down"
        case statementBegin = "StatementBegin"
        case statementEnd = "StatementEnd"
        case noTransaction = "NO TRANSACTION"
        case envsubOn = "ENVSUB ON"
        case envsubOff = "ENVSUB OFF"
    }

    /// Where goose's parser is in the file.
    private indirect enum Section: Equatable {
        case beforeUp
        case up
        case down
        /// Inside `StatementBegin … StatementEnd`, in the section it returns to.
        case statement(begin: SQLToken, in: Section)
    }

    /// What a `+goose` comment is to goose.
    private enum Reading {
        case annotation(Annotation)
        /// An annotation goose refuses, and why.
        case refused(String)
    }

    init(file: String, contents: [UInt8]) throws(SQLSyntaxError) {
        let tokens = try SQLScript.tokens(file: file, contents: contents)
        let (bytes, lines) = SQLScript.source(contents)
        func fail(_ token: SQLToken?, _ message: String) -> SQLSyntaxError {
            SQLSyntaxError(file: file, location: lines.location(ofByte: token?.byteRange.lowerBound ?? 0), message: message)
        }
        var section = Section.beforeUp
        var down: SQLToken?
        var transaction = true
        for token in tokens {
            guard token.kind == .lineComment || token.kind == .blockComment else {
                if section == .beforeUp {
                    throw fail(token, "statement before -- +goose Up: goose runs only the statements after -- +goose Up; move it below")
                }
                continue
            }
            let annotation: Annotation
            switch Self.annotation(token, bytes) {
            case nil: continue
            case .refused(let message)?: throw fail(token, message)
            case .annotation(let found)?: annotation = found
            }
            switch (annotation, section) {
            case (.up, .beforeUp):
                section = .up
            case (.up, _):
                throw fail(token, "a second -- +goose Up; a goose migration has one up part")
            case (.down, .up):
                section = .down
                down = token
            case (.down, .beforeUp):
                throw fail(token, "-- +goose Down before -- +goose Up; goose needs the up part first")
            case (.down, .down):
                throw fail(token, "a second -- +goose Down; a goose migration has one down part")
            case (.down, .statement):
                throw fail(token, "-- +goose Down inside -- +goose StatementBegin; end the statement with -- +goose StatementEnd first")
            case (.statementBegin, .up), (.statementBegin, .down):
                section = .statement(begin: token, in: section)
            case (.statementBegin, .beforeUp):
                throw fail(token, "-- +goose StatementBegin before -- +goose Up; it goes inside the up or down part")
            case (.statementBegin, .statement):
                throw fail(token, "-- +goose StatementBegin inside another; end the first with -- +goose StatementEnd")
            case (.statementEnd, .statement(_, let outer)):
                section = outer
            case (.statementEnd, _):
                throw fail(token, "-- +goose StatementEnd without -- +goose StatementBegin; add the StatementBegin above the statement or remove this line")
            case (.noTransaction, _):
                transaction = false
            case (.envsubOn, _):
                throw fail(token, "-- +goose ENVSUB ON substitutes environment variables into the SQL, which onlineddl does not do; "
                    + "write the values into the file (or generate the file with them) and remove the annotation")
            case (.envsubOff, _):
                continue
            }
        }
        switch section {
        case .beforeUp:
            throw fail(nil, "no -- +goose Up annotation: a goose migration puts its statements after -- +goose Up and their undoing after -- +goose Down")
        case .statement(let begin, _):
            throw fail(begin, "-- +goose StatementBegin without -- +goose StatementEnd; add it after the statement")
        case .up, .down:
            break
        }
        self.upEnd = down?.byteRange.lowerBound ?? contents.count
        self.downSection = Self.downSection(at: down, in: tokens, lines: lines)
        self.transaction = transaction
    }

    /// Whether `contents` have a `-- +goose Up` annotation; false when they cannot be scanned.
    static func hasUpAnnotation(_ contents: [UInt8]) -> Bool {
        guard let tokens = try? SQLScript.tokens(file: "", contents: contents) else { return false }
        let bytes = SQLScript.source(contents).bytes
        return tokens.contains { token in
            guard case .annotation(.up)? = annotation(token, bytes) else { return false }
            return true
        }
    }

    /// The annotation a comment is, as goose's `extractAnnotation` reads it: a `--` comment
    /// that starts its line and holds `+goose`; every `--` and the first `+goose` removed,
    /// the rest trimmed and compared without regard to case. nil for any other comment; a
    /// message for an annotation goose would refuse.
    private static func annotation(_ token: SQLToken, _ bytes: [UInt8]) -> Reading? {
        guard token.kind == .lineComment else { return nil }
        let text = String(decoding: bytes[token.byteRange], as: UTF8.self)
        guard text.contains("+goose") else { return nil }
        let lineStart = bytes[..<token.byteRange.lowerBound].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let before = bytes[lineStart..<token.byteRange.lowerBound]
        guard before.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return nil }
        guard before.isEmpty else {
            return .refused("goose reads an annotation only at the start of a line; remove the whitespace before it")
        }
        var command = text.replacingOccurrences(of: "--", with: "")
        if let goose = command.range(of: "+goose") { command.removeSubrange(goose) }
        guard !command.contains("+goose") else {
            return .refused("more than one +goose on a line; goose reads one annotation a line")
        }
        let name = command.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let annotation = Annotation.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            let known = Annotation.allCases.map(\.rawValue).joined(separator: ", ")
            return .refused(name.isEmpty ? "an empty goose annotation; goose knows \(known)" : "unknown goose annotation \(name); goose knows \(known)")
        }
        return .annotation(annotation)
    }
}
