/// A node of libpg_query's JSON parse tree, as plain Swift values.
///
/// libpg_query writes each parse node as a one-key object naming its type, for example
/// `{"AlterTableStmt": {"relation": …, "cmds": […]}}`, and omits fields that have their
/// default value (false, 0, empty). The accessors here follow that convention: a missing
/// field reads as `nil`, and `typed(_:)` unwraps one node type.
public enum ParseNode: Hashable, Sendable {
    case object(Fields)
    case array([ParseNode])
    case string(String)
    case integer(Int)
    case bool(Bool)
    case null

    /// The value of a field of an object node.
    public subscript(field: String) -> ParseNode? {
        guard case .object(let fields) = self else { return nil }
        return fields[field]
    }

    /// The node type of a wrapped node (`"AlterTableStmt"` for `{"AlterTableStmt": {…}}`).
    public var nodeType: String? {
        guard case .object(let fields) = self, let key = fields.onlyKey,
              let first = key.utf8.first, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) else { return nil }
        return key
    }

    /// The body of a wrapped node when it has the given type, else `nil`.
    public func typed(_ type: String) -> ParseNode? {
        nodeType == type ? self[type] : nil
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var intValue: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements of an array node; an absent or non-array field reads as empty.
    public var elements: [ParseNode] {
        if case .array(let values) = self { return values }
        return []
    }
}

extension ParseNode {
    /// One field of an object node.
    public struct Field: Hashable, Sendable {
        public let key: String
        public let value: ParseNode
    }

    /// The fields of an object node, in the order libpg_query writes them. Parse-tree
    /// objects are small, so a field is found by going through them: cheaper than hashing.
    public struct Fields: Hashable, Sendable, ExpressibleByDictionaryLiteral {
        /// The fields in written order.
        public private(set) var list: [Field] = []

        /// An object with these fields, in this order.
        public init(dictionaryLiteral elements: (String, ParseNode)...) {
            list = elements.map { Field(key: $0, value: $1) }
        }

        init(_ list: [Field]) {
            self.list = list
        }

        /// The value of a field, or `nil` when the object has no such field.
        public subscript(key: String) -> ParseNode? {
            list.first { $0.key == key }?.value
        }

        /// The key of a one-field object, else `nil`.
        var onlyKey: String? {
            list.count == 1 ? list[0].key : nil
        }
    }
}

extension ParseNode {
    /// Parses the JSON text libpg_query produces.
    static func parseJSON(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONReader.Failure) -> ParseNode {
        var reader = JSONReader(bytes: bytes)
        let value = try reader.readValue()
        reader.skipWhitespace()
        guard reader.isAtEnd else { throw JSONReader.Failure(offset: reader.offset) }
        return value
    }
}

/// A small, strict JSON reader for the parse trees libpg_query emits.
///
/// It reads at most `maxDepth` nested objects and arrays, so the trees it builds (and
/// every recursive walk over them) stay well within a thread's stack.
struct JSONReader {
    struct Failure: Error {
        enum Reason: Equatable {
            case malformed
            /// Objects and arrays nest deeper than `maxDepth`.
            case tooDeep
        }

        let offset: Int
        var reason = Reason.malformed
        /// The index of the element being read in each enclosing array, outermost first.
        var arrayPath: [Int] = []

        /// The failure as seen from the enclosing array, reading its element `index`.
        func inElement(_ index: Int) -> Failure {
            var failure = self
            failure.arrayPath.insert(index, at: 0)
            return failure
        }
    }

    /// The deepest nesting of objects and arrays read. A parse node takes one or two
    /// levels, so this allows about 1,000 nested expressions, subqueries or set
    /// operations, and keeps every recursive walk over a tree (analysis, lint rules)
    /// within 4 MB of stack, even in a debug build.
    static let maxDepth = 2_000

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0
    private var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    mutating func readValue() throws(Failure) -> ParseNode {
        skipWhitespace()
        guard offset < bytes.count else { throw Failure(offset: offset) }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try readObject()
        case UInt8(ascii: "["): return try readArray()
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try expect("null"); return .null
        default: return try readNumber()
        }
    }

    /// Enters one more level of nesting, or fails when that is deeper than `maxDepth`.
    private mutating func descend() throws(Failure) {
        guard depth < Self.maxDepth else { throw Failure(offset: offset, reason: .tooDeep) }
        depth += 1
    }

    private mutating func readObject() throws(Failure) -> ParseNode {
        try descend()
        defer { depth -= 1 }
        offset += 1
        var fields: [ParseNode.Field] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(ParseNode.Fields(fields)) }
        repeat {
            skipWhitespace()
            let key = try readString()
            // A node body (lower-case field names) usually has several fields; a node wrapper
            // such as {"AlterTableStmt": …} has one: room for a few saves regrowing the list.
            if fields.isEmpty, let first = key.utf8.first, first >= UInt8(ascii: "a") { fields.reserveCapacity(8) }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw Failure(offset: offset) }
            fields.append(ParseNode.Field(key: key, value: try readValue()))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw Failure(offset: offset) }
        return .object(ParseNode.Fields(fields))
    }

    private mutating func readArray() throws(Failure) -> ParseNode {
        try descend()
        defer { depth -= 1 }
        offset += 1
        var values: [ParseNode] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(values) }
        repeat {
            do {
                values.append(try readValue())
            } catch {
                throw error.inElement(values.count)
            }
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw Failure(offset: offset) }
        return .array(values)
    }

    private mutating func readString() throws(Failure) -> String {
        guard consume(UInt8(ascii: "\"")) else { throw Failure(offset: offset) }
        // Most strings have no escapes: take them straight from the buffer.
        let start = offset
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\""), bytes[offset] != UInt8(ascii: "\\") { offset += 1 }
        if consume(UInt8(ascii: "\"")) {
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset - 1]), as: UTF8.self)
        }
        var utf8 = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &utf8)
            default:
                utf8.append(byte)
            }
        }
        throw Failure(offset: offset)
    }

    private mutating func readEscape(into utf8: inout [UInt8]) throws(Failure) {
        guard offset < bytes.count else { throw Failure(offset: offset) }
        let escaped = bytes[offset]
        offset += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try readHexQuad()
            if (0xD800..<0xDC00).contains(scalar) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else {
                    throw Failure(offset: offset)
                }
                let low = try readHexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw Failure(offset: offset) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw Failure(offset: offset) }
            utf8.append(contentsOf: Array(String(Character(unicode)).utf8))
        default:
            throw Failure(offset: offset)
        }
    }

    private mutating func readHexQuad() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw Failure(offset: offset) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(bytes[offset]) else { throw Failure(offset: offset) }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// libpg_query writes only integers as JSON numbers (floats are strings in the tree).
    private mutating func readNumber() throws(Failure) -> ParseNode {
        let start = offset
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        var value = 0
        var digits = 0
        while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) {
            let (product, overflowMultiply) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdd) = product.addingReportingOverflow(Int(bytes[offset] - UInt8(ascii: "0")))
            guard !overflowMultiply, !overflowAdd else { throw Failure(offset: start) }
            value = sum
            digits += 1
            offset += 1
        }
        guard digits > 0 else { throw Failure(offset: start) }
        return .integer(bytes[start] == UInt8(ascii: "-") ? -value : value)
    }

    private mutating func expect(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw Failure(offset: offset) }
        let literalBytes = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        for index in 0..<count where bytes[offset + index] != literalBytes[index] {
            throw Failure(offset: offset)
        }
        offset += count
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }
}
