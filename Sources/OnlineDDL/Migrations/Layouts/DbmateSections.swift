import OnlineDDLParsing

/// The sections of a dbmate migration, found with PostgreSQL's scanner: the statements
/// after `-- migrate:up` run; those after `-- migrate:down` undo them and are not run.
///
/// dbmate reads a marker only at the start of a line, and its options after it:
/// `-- migrate:up transaction:false` runs the section outside a transaction.
struct DbmateSections: MigrationSections {
    static let downPart = "dbmate -- migrate:down section"

    /// The byte offset of the `-- migrate:down` comment (the file's size without one): what
    /// runs is the bytes before it.
    let upEnd: Int
    /// Where the `-- migrate:down` comment is, when a statement follows it.
    let downSection: SourceLocation?
    /// Whether the up section runs in one transaction (dbmate's default).
    let transaction: Bool

    private enum Marker: String {
        case up = "migrate:up"
        case down = "migrate:down"
    }

    init(file: String, contents: [UInt8]) throws(SQLSyntaxError) {
        let tokens = try SQLScript.tokens(file: file, contents: contents)
        let lines = SQLScript.source(contents).lines
        func fail(_ token: SQLToken?, _ message: String) -> SQLSyntaxError {
            SQLSyntaxError(file: file, location: lines.location(ofByte: token?.byteRange.lowerBound ?? 0), message: message)
        }
        var up: (token: SQLToken, options: [Substring])?
        var down: SQLToken?
        for token in tokens {
            guard let (marker, options) = Self.marker(token, contents) else { continue }
            guard lines.location(ofByte: token.byteRange.lowerBound).column == 1 else {
                throw fail(token, "dbmate reads -- \(marker.rawValue) only at the start of a line; move it there")
            }
            switch marker {
            case .up:
                guard up == nil else { throw fail(token, "a second -- migrate:up; a dbmate migration has one up section") }
                guard down == nil else { throw fail(down, "-- migrate:down comes before -- migrate:up; dbmate needs the up section first") }
                up = (token, options)
            case .down:
                guard down == nil else { throw fail(token, "a second -- migrate:down; a dbmate migration has one down section") }
                down = token
            }
        }
        guard let up else {
            throw fail(nil, "no -- migrate:up comment: a dbmate migration puts its statements after -- migrate:up and their undoing after -- migrate:down")
        }
        if let early = tokens.first(where: { $0.kind != .lineComment && $0.kind != .blockComment && $0.byteRange.lowerBound < up.token.byteRange.lowerBound }) {
            throw fail(early, "statement before -- migrate:up: dbmate runs only the statements after -- migrate:up; move it below")
        }
        var transaction = true
        for option in up.options {
            switch option {
            case "transaction:true": transaction = true
            case "transaction:false": transaction = false
            default:
                throw fail(up.token, "unknown dbmate option \(option); the up section takes transaction:true or transaction:false")
            }
        }
        self.upEnd = down?.byteRange.lowerBound ?? contents.count
        self.downSection = Self.downSection(at: down, in: tokens, lines: lines)
        self.transaction = transaction
    }

    /// Whether `contents` have a `-- migrate:up` comment; false when they cannot be scanned.
    static func hasUpMarker(_ contents: [UInt8]) -> Bool {
        guard let tokens = try? SQLScript.tokens(file: "", contents: contents) else { return false }
        return tokens.contains { marker($0, contents)?.marker == .up }
    }

    /// The marker a line comment is, with the words after it.
    private static func marker(_ token: SQLToken, _ contents: [UInt8]) -> (marker: Marker, options: [Substring])? {
        guard token.kind == .lineComment else { return nil }
        let words = String(decoding: contents[token.byteRange], as: UTF8.self).dropFirst(2).split(whereSeparator: \.isWhitespace)
        guard let first = words.first, let marker = Marker(rawValue: String(first)) else { return nil }
        return (marker, Array(words.dropFirst()))
    }
}
