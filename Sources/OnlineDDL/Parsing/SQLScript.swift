import Foundation

/// One top-level SQL statement of a script, parsed by PostgreSQL's own grammar.
public struct SQLStatement: Sendable {
    /// The statement from its first token to its last, without the terminating semicolon.
    public let text: String
    /// Where `text` lies in the script, as UTF-8 byte offsets.
    public let byteRange: Range<Int>
    /// The location of the statement's first token.
    public let location: SourceLocation
    /// The statement's parse node, for example `{"AlterTableStmt": {…}}`.
    public let tree: ParseNode

    /// The statement's node type, for example `"AlterTableStmt"`.
    public var nodeType: String { tree.nodeType ?? "unknown" }
}

/// A comment in a script, for directives such as `-- onlineddl:no-transaction`.
public struct SQLComment: Sendable, Equatable {
    /// The comment's full text, including its `--` or `/* */` markers.
    public let text: String
    public let byteRange: Range<Int>
    public let location: SourceLocation

    /// The comment's text without its `--` or `/* */` markers.
    public var body: Substring {
        var body = Substring(text)
        if body.hasPrefix("--") {
            body = body.dropFirst(2)
        } else if body.hasPrefix("/*") {
            body = body.dropFirst(2)
            if body.hasSuffix("*/") { body = body.dropLast(2) }
        }
        return body
    }
}

/// A SQL file split into statements with exact positions, using libpg_query's parser.
///
/// Splitting uses the parser's own statement boundaries, so semicolons inside strings,
/// dollar-quoted bodies, DO blocks and comments never split a statement.
public struct SQLScript: Sendable {
    /// The file name used in error messages.
    public let file: String
    public let statements: [SQLStatement]
    public let comments: [SQLComment]

    /// Parses UTF-8 file contents. Invalid UTF-8, NUL bytes, syntax errors and input
    /// beyond what can be read safely (see ``SQLParser``) are reported as
    /// `file:line:column: message` pointing into `contents`.
    ///
    /// A UTF-8 byte-order mark at the start, which psql and Flyway skip, is skipped too:
    /// column 1 of line 1 is the character after it, and byte offsets stay those of `contents`.
    public init(file: String, contents: [UInt8]) throws(SQLSyntaxError) {
        let (bytes, lines) = Self.source(contents)
        let text = try Self.text(of: bytes, file: file, lines: lines)
        try self.init(file: file, validText: text, bytes: bytes, lines: lines)
    }

    /// The tokens of UTF-8 file contents as PostgreSQL's scanner sees them, for a file that
    /// need not parse as a whole. Errors point into `contents`, as the parser's do.
    package static func tokens(file: String, contents: [UInt8]) throws(SQLSyntaxError) -> [SQLToken] {
        let (bytes, lines) = source(contents)
        switch SQLScanner.scan(try text(of: bytes, file: file, lines: lines)) {
        case .success(let tokens): return tokens
        case .failure(let error): throw located(error, file: file, lines: lines)
        }
    }

    /// The UTF-8 byte-order mark.
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The contents as PostgreSQL's scanner reads them, and their line index: a leading
    /// byte-order mark (which the scanner would read as part of an identifier) becomes three
    /// spaces, so byte offsets stay those of the file, and line 1 starts after it.
    package static func source(_ contents: [UInt8]) -> (bytes: [UInt8], lines: LineIndex) {
        guard contents.starts(with: byteOrderMark) else { return (contents, LineIndex(utf8: contents)) }
        var bytes = contents
        bytes.replaceSubrange(0..<byteOrderMark.count, with: repeatElement(UInt8(ascii: " "), count: byteOrderMark.count))
        return (bytes, LineIndex(utf8: bytes, firstLineStart: byteOrderMark.count))
    }

    /// The contents as text, when they are valid UTF-8 without a NUL byte.
    private static func text(of contents: [UInt8], file: String, lines: LineIndex) throws(SQLSyntaxError) -> String {
        if let offset = contents.firstIndex(of: 0) {
            throw SQLSyntaxError(file: file, location: lines.location(ofByte: offset), message: "file contains a NUL byte; is it a binary file?", kind: .unreadable)
        }
        guard let text = String(validating: contents, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(contents) ?? 0
            throw SQLSyntaxError(
                file: file, location: lines.location(ofByte: offset),
                message: "file is not valid UTF-8 at byte 0x\(String(contents[offset], radix: 16, uppercase: true)); save it as UTF-8",
                kind: .unreadable)
        }
        let run = SQLParser.longestOperatorRun(contents)
        guard run.length <= SQLParser.maxOperatorRun else {
            throw SQLSyntaxError(file: file, location: lines.location(ofByte: run.start), message: "\(run.length) operator characters in a row (+ - * / < > = and the like), more than the \(SQLParser.maxOperatorRun) onlineddl reads: PostgreSQL's lexer needs time quadratic in such a run; break it up with spaces")
        }
        return text
    }

    /// A libpg_query error at its `file:line:column`.
    private static func located(_ error: LibPgQueryError, file: String, lines: LineIndex) -> SQLSyntaxError {
        let offset = lines.byteOffset(ofCharacterPosition: error.cursorPosition)
        return SQLSyntaxError(file: file, location: lines.location(ofByte: offset), message: error.message)
    }

    /// Parses SQL text.
    public init(file: String, text: String) throws(SQLSyntaxError) {
        try self.init(file: file, contents: Array(text.utf8))
    }

    private init(file: String, validText text: String, bytes: [UInt8], lines: LineIndex) throws(SQLSyntaxError) {
        func syntaxError(_ error: LibPgQueryError) -> SQLSyntaxError {
            Self.located(error, file: file, lines: lines)
        }
        func error(atByte offset: Int, _ message: String) -> SQLSyntaxError {
            SQLSyntaxError(file: file, location: lines.location(ofByte: offset), message: message)
        }
        // Scanning is flat and safe on any input; a lexical error is reported after the
        // parse, which may find an earlier syntax error.
        let scanned = SQLScanner.scan(text)
        var longest = (tokens: 0, start: 0)
        if case .success(let tokens) = scanned {
            longest = SQLParser.longestStatement(tokens)
            guard longest.tokens <= ParserThread.maxStatementTokens else {
                throw error(atByte: longest.start, "statement has more than \(ParserThread.maxStatementTokens) tokens, more than onlineddl analyzes in one statement; split it into smaller statements")
            }
        }
        let rawStatements: [SQLParser.RawStatement]
        switch SQLParser.parse(
            text, byteCount: bytes.count, statementTokens: longest.tokens, longestStatementStart: longest.start) {
        case .success(let parsed): rawStatements = parsed
        case .failure(.syntax(let failure)): throw syntaxError(failure)
        case .failure(.tooDeep(let offset)):
            let tokens = (try? scanned.get()) ?? []
            let start = tokens.first { $0.kind == .other && $0.byteRange.lowerBound >= offset }?.byteRange.lowerBound ?? offset
            throw error(atByte: start, "statement is nested too deeply to analyze (its parse tree is more than \(JSONReader.maxDepth) levels deep); split it into smaller statements")
        }
        let tokens: [SQLToken]
        switch scanned {
        case .success(let scanned): tokens = scanned
        case .failure(let error): throw syntaxError(error)
        }

        func slice(_ range: Range<Int>) -> String {
            String(decoding: bytes[range], as: UTF8.self)
        }
        var statements: [SQLStatement] = []
        var tokenIndex = 0
        for raw in rawStatements {
            var first: Int?
            var last: Int?
            while tokenIndex < tokens.count, tokens[tokenIndex].byteRange.lowerBound < raw.range.upperBound {
                let token = tokens[tokenIndex]
                if token.byteRange.lowerBound >= raw.range.lowerBound, token.kind == .other {
                    first = first ?? token.byteRange.lowerBound
                    last = token.byteRange.upperBound
                }
                tokenIndex += 1
            }
            let range = (first ?? raw.range.lowerBound)..<(last ?? raw.range.upperBound)
            statements.append(SQLStatement(
                text: slice(range), byteRange: range,
                location: lines.location(ofByte: range.lowerBound), tree: raw.tree
            ))
        }
        self.file = file
        self.statements = statements
        self.comments = tokens.filter { $0.kind == .lineComment || $0.kind == .blockComment }.map {
            SQLComment(text: slice($0.byteRange), byteRange: $0.byteRange, location: lines.location(ofByte: $0.byteRange.lowerBound))
        }
    }

    private static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}
