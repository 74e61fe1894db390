import CPgQuery
import Foundation

/// `pg_query_parse` made safe for any input: text that would take PostgreSQL's lexer
/// quadratic time is refused (``maxOperatorRun``), the parse runs on a ``ParserThread``
/// sized for the longest statement, and its tree is read at most ``JSONReader/maxDepth``
/// levels deep.
enum SQLParser {
    /// One top-level statement: its parse node and its byte range in the text, as
    /// libpg_query reports it (comments and whitespace before the statement included).
    struct RawStatement: Sendable {
        let tree: ParseNode
        let range: Range<Int>
    }

    enum Failure: Error {
        /// A syntax error, or a malformed answer from libpg_query.
        case syntax(LibPgQueryError)
        /// The statement starting at this byte offset (or after it, past comments) is
        /// nested deeper than ``JSONReader/maxDepth``.
        case tooDeep(statementOffset: Int)
    }

    /// Parses `text` (`byteCount` UTF-8 bytes) whose longest statement has
    /// `statementTokens` tokens and starts at byte `longestStatementStart`.
    static func parse(
        _ text: String, byteCount: Int, statementTokens: Int, longestStatementStart: Int
    ) -> Result<[RawStatement], Failure> {
        ParserThread.run(statementTokens: statementTokens) {
            parseTree(text, byteCount: byteCount, longestStatementStart: longestStatementStart)
        }
    }

    /// Most operator characters in a row: PostgreSQL's lexer takes time quadratic in the
    /// length of a run such as `+++…` or `/*/*/*…` (160 kB of `-+` take minutes), so
    /// with runs this short the worst input costs a few microseconds a byte.
    static let maxOperatorRun = 1_000

    /// The byte offset and length of the longest run of the characters PostgreSQL's
    /// lexer reads as operator characters (`op_chars` in its `scan.l`).
    static func longestOperatorRun(_ bytes: [UInt8]) -> (start: Int, length: Int) {
        var longest = (start: 0, length: 0)
        var start = 0
        for (offset, byte) in bytes.enumerated() {
            if operatorCharacters.contains(byte) {
                if offset - start + 1 > longest.length { longest = (start, offset - start + 1) }
            } else {
                start = offset + 1
            }
        }
        return longest
    }

    private static let operatorCharacters = Set("~!@#^&|`?+-*/%<>=".utf8)

    /// The token count of the longest run of tokens between semicolons, comments left
    /// out, and the byte offset of its first token. A statement's parse tree is never
    /// deeper than a small multiple of its token count.
    static func longestStatement(_ tokens: [SQLToken]) -> (tokens: Int, start: Int) {
        var longest = (tokens: 0, start: 0)
        var current = (tokens: 0, start: 0)
        for token in tokens {
            switch token.kind {
            case .semicolon:
                current = (0, 0)
            case .other:
                if current.tokens == 0 { current.start = token.byteRange.lowerBound }
                current.tokens += 1
                if current.tokens > longest.tokens { longest = current }
            case .lineComment, .blockComment:
                continue
            }
        }
        return longest
    }

    private static func parseTree(_ text: String, byteCount: Int, longestStatementStart: Int) -> Result<[RawStatement], Failure> {
        let result = pg_query_parse(text)
        defer { pg_query_free_parse_result(result) }
        if let error = result.error {
            var failure = LibPgQueryError(error.pointee)
            if failure.message.hasPrefix("stack depth limit exceeded") {
                // check_stack_depth() in the grammar's recursive actions (PostgreSQL 18's
                // libpg_query has it) points nowhere; the deepest statement is the longest.
                return .failure(.tooDeep(statementOffset: longestStatementStart))
            }
            if failure.message.hasPrefix("memory exhausted") {
                // Bison's stack, 10,000 levels: PostgreSQL itself answers the same.
                failure.message += " (the statement nests more deeply than PostgreSQL's parser allows)"
            }
            return .failure(.syntax(failure))
        }
        guard let json = result.parse_tree else {
            return .failure(.syntax(LibPgQueryError(message: "libpg_query returned no parse tree", cursorPosition: 0)))
        }
        let root: ParseNode
        do {
            root = try ParseNode.parseJSON(UnsafeBufferPointer(start: UnsafeRawPointer(json).assumingMemoryBound(to: UInt8.self), count: strlen(json)))
        } catch where error.reason == .tooDeep {
            // The root is {"version": …, "stmts": [...]}: the first array index is the statement's.
            return .failure(.tooDeep(statementOffset: statementOffset(text, index: error.arrayPath.first ?? 0)))
        } catch {
            return .failure(.syntax(LibPgQueryError(message: "libpg_query returned malformed JSON at offset \(error.offset)", cursorPosition: 0)))
        }
        return .success(root["stmts"]?.elements.map { raw in
            // libpg_query omits zero values: a missing location is 0, a missing length means "to the end".
            let location = raw["stmt_location"]?.intValue ?? 0
            let length = raw["stmt_len"]?.intValue ?? 0
            let end = length == 0 ? byteCount : min(location + length, byteCount)
            return RawStatement(tree: raw["stmt"] ?? .null, range: location..<end)
        } ?? [])
    }

    /// The byte offset where statement `index` of `text` begins, from libpg_query's own
    /// split (which parses but writes no tree, so no depth is too much for it).
    private static func statementOffset(_ text: String, index: Int) -> Int {
        let split = pg_query_split_with_parser(text)
        defer { pg_query_free_split_result(split) }
        guard split.error == nil, index < split.n_stmts, let statement = split.stmts[index] else { return 0 }
        return Int(statement.pointee.stmt_location)
    }
}
