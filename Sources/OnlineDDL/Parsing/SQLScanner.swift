import CPgQuery

/// One lexical token of a SQL text, as PostgreSQL's own scanner (through libpg_query) sees it.
package struct SQLToken: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// A `-- …` comment.
        case lineComment
        /// A `/* … */` comment.
        case blockComment
        /// The `;` that ends a statement.
        case semicolon
        /// Any other token.
        case other
    }

    /// Whether a token is a keyword, and of which category (libpg_query's `KeywordKind`).
    enum KeywordKind: Int, Sendable, Equatable {
        case notKeyword = 0
        case unreserved = 1
        case columnName = 2
        case typeOrFunctionName = 3
        case reserved = 4
    }

    package let kind: Kind
    /// UTF-8 byte offsets in the scanned text.
    package let byteRange: Range<Int>
    /// The keyword category, `.notKeyword` for identifiers, literals and punctuation.
    var keywordKind: KeywordKind = .notKeyword
}

/// Tokenizes SQL with `pg_query_scan` and decodes its protobuf `ScanResult`.
package enum SQLScanner {
    /// Token numbers from libpg_query's `pg_query.proto` (`enum Token`).
    private static let semicolonToken = 59
    private static let lineCommentToken = 275
    private static let blockCommentToken = 276

    /// Scans `text`; on a lexical error returns the message and 1-based character position.
    package static func scan(_ text: String) -> Result<[SQLToken], LibPgQueryError> {
        let result = pg_query_scan(text)
        defer { pg_query_free_scan_result(result) }
        if let error = result.error {
            return .failure(LibPgQueryError(error.pointee))
        }
        let buffer = UnsafeRawBufferPointer(start: result.pbuf.data, count: result.pbuf.len)
        do {
            return .success(try decodeScanResult(buffer))
        } catch {
            return .failure(LibPgQueryError(message: "libpg_query returned a malformed scan result", cursorPosition: 0))
        }
    }

    /// `message ScanResult { int32 version = 1; repeated ScanToken tokens = 2; }`
    private static func decodeScanResult(_ buffer: UnsafeRawBufferPointer) throws(ProtobufReader.Malformed) -> [SQLToken] {
        var reader = ProtobufReader(buffer)
        var tokens: [SQLToken] = []
        while let field = try reader.nextField() {
            if field.number == 2, case .bytes(let message) = field.value {
                tokens.append(try decodeToken(message))
            }
        }
        return tokens
    }

    /// `message ScanToken { int32 start = 1; int32 end = 2; Token token = 4; KeywordKind keyword_kind = 5; }`
    private static func decodeToken(_ buffer: UnsafeRawBufferPointer) throws(ProtobufReader.Malformed) -> SQLToken {
        var reader = ProtobufReader(buffer)
        var start = 0
        var end = 0
        var token = 0
        var keywordKind = 0
        while let field = try reader.nextField() {
            guard case .varint(let value) = field.value else { continue }
            switch field.number {
            case 1: start = Int(truncatingIfNeeded: value)
            case 2: end = Int(truncatingIfNeeded: value)
            case 4: token = Int(truncatingIfNeeded: value)
            case 5: keywordKind = Int(truncatingIfNeeded: value)
            default: break
            }
        }
        let kind: SQLToken.Kind = switch token {
        case lineCommentToken: .lineComment
        case blockCommentToken: .blockComment
        case semicolonToken: .semicolon
        default: .other
        }
        return SQLToken(
            kind: kind, byteRange: start..<max(start, end),
            keywordKind: SQLToken.KeywordKind(rawValue: keywordKind) ?? .notKeyword)
    }
}

/// Reads protobuf wire format: just enough for libpg_query's scan output.
struct ProtobufReader {
    struct Malformed: Error {}

    enum Value {
        case varint(UInt64)
        case bytes(UnsafeRawBufferPointer)
        case fixed
    }

    struct Field {
        let number: Int
        let value: Value
    }

    private let buffer: UnsafeRawBufferPointer
    private var offset = 0

    init(_ buffer: UnsafeRawBufferPointer) {
        self.buffer = buffer
    }

    mutating func nextField() throws(Malformed) -> Field? {
        guard offset < buffer.count else { return nil }
        let key = try readVarint()
        let number = Int(key >> 3)
        switch key & 7 {
        case 0:
            return Field(number: number, value: .varint(try readVarint()))
        case 1:
            try skip(8)
            return Field(number: number, value: .fixed)
        case 2:
            let length = Int(try readVarint())
            guard length >= 0, offset + length <= buffer.count else { throw Malformed() }
            let slice = UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + length])
            offset += length
            return Field(number: number, value: .bytes(slice))
        case 5:
            try skip(4)
            return Field(number: number, value: .fixed)
        default:
            throw Malformed()
        }
    }

    private mutating func skip(_ count: Int) throws(Malformed) {
        guard offset + count <= buffer.count else { throw Malformed() }
        offset += count
    }

    private mutating func readVarint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < buffer.count, shift < 64 {
            let byte = buffer[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        throw Malformed()
    }
}
