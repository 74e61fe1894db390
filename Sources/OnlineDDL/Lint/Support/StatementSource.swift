import OnlineDDLAnalysis
import OnlineDDLParsing

/// Pieces of one statement's own text, located with parse-tree positions and PostgreSQL's
/// scanner tokens (so strings, quoted names and comments are never split), for safe
/// alternatives that keep the user's expressions exactly as written.
struct StatementSource: Sendable {
    private let statement: SQLStatement
    private let bytes: [UInt8]
    /// The statement's tokens without comments; byte ranges are relative to its text.
    private let tokens: [SQLToken]

    init(_ statement: SQLStatement) {
        self.statement = statement
        bytes = Array(statement.text.utf8)
        if case .success(let scanned) = SQLScanner.scan(statement.text) {
            tokens = scanned.filter { $0.kind == .other }
        } else {
            tokens = []
        }
    }

    /// The statement's text with `word` inserted after its token number `position` (0-based),
    /// such as `CONCURRENTLY` after `CREATE INDEX`.
    func inserting(_ word: String, afterToken position: Int) -> String {
        guard position < tokens.count else { return statement.text }
        let split = tokens[position].byteRange.upperBound
        return text(0..<split) + " " + word + text(split..<bytes.count)
    }

    /// The text of the constraint that `ALTER TABLE` subcommand number `index` adds, from
    /// `CONSTRAINT name` (or the constraint keyword) to the end of the subcommand.
    func addedConstraint(subcommand index: Int) -> String? {
        guard let location = statement.addedConstraintLocation(subcommand: index) else { return nil }
        return clause(from: localOffset(location))
    }

    /// The `DEFAULT` expression of the column that `ALTER TABLE` subcommand number `index`
    /// adds, as written.
    func addedColumnDefault(subcommand index: Int) -> String? {
        guard let locations = statement.addedColumnDefaultLocation(subcommand: index) else { return nil }
        let start = localOffset(locations.defaultValue)
        let nextConstraint = locations.constraints.map(localOffset).filter { $0 > start }.min()
        guard let keyword = tokens.firstIndex(where: { $0.byteRange.lowerBound >= start }), keyword + 1 < tokens.count
        else { return nil }
        return clause(from: tokens[keyword + 1].byteRange.lowerBound, before: nextConstraint)
    }

    private func localOffset(_ scriptOffset: Int) -> Int {
        scriptOffset - statement.byteRange.lowerBound
    }

    /// The tokens from `start` up to a comma outside parentheses, a parenthesis closing an
    /// enclosing list, the offset `limit`, or the end of the statement.
    private func clause(from start: Int, before limit: Int? = nil) -> String? {
        var depth = 0
        var end: Int?
        for token in tokens where token.byteRange.lowerBound >= start {
            if let limit, token.byteRange.lowerBound >= limit { break }
            let word = text(token.byteRange)
            if word == "(" { depth += 1 }
            if word == ")" { depth -= 1 }
            if depth < 0 || (depth == 0 && word == ",") { break }
            end = token.byteRange.upperBound
        }
        return end.map { text(start..<$0) }
    }

    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
