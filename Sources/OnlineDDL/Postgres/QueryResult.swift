/// The rows and status of one completed statement, copied out of libpq.
///
/// libpq's `PGresult` is freed before this value is returned, so holding a
/// `QueryResult` holds no C memory.
public struct QueryResult: Sendable {
    public struct Column: Sendable, Equatable {
        public let name: String
        /// The column's type OID (`pg_type.oid`).
        public let typeOID: UInt32
    }

    public let columns: [Column]
    public let rows: [Row]
    /// The command tag, for example `"INSERT 0 1"` or `"ALTER TABLE"`.
    public let commandTag: String

    init(columns: [Column], values: [[String?]], commandTag: String) {
        self.columns = columns
        let index = ColumnIndex(columns: columns)
        self.rows = values.map { Row(values: $0, columns: index) }
        self.commandTag = commandTag
    }
}

/// Column names to positions, shared by all rows of a result.
final class ColumnIndex: Sendable {
    let names: [String]

    init(columns: [QueryResult.Column]) {
        names = columns.map(\.name)
    }

    /// The first column of that name. A scan, not a hash table: a result has a few dozen
    /// columns at most, and comparing short names costs less than hashing one.
    func position(of name: String) -> Int? { names.firstIndex(of: name) }
}

/// One row, in PostgreSQL's text format, with typed access by column name or position.
public struct Row: Sendable {
    /// The raw text of each column; `nil` is SQL NULL.
    public let values: [String?]
    let columns: ColumnIndex

    /// Decodes a column by name. Use an optional type (`Int?.self`) for nullable columns.
    public func decode<Value: PostgresDecodable>(_ column: String, as type: Value.Type = Value.self) throws(PostgresError) -> Value {
        guard let position = columns.position(of: column) else {
            throw PostgresError(kind: .client, message: "result has no column \"\(column)\"")
        }
        return try decode(position, as: type)
    }

    /// Decodes a column by 0-based position.
    public func decode<Value: PostgresDecodable>(_ position: Int, as type: Value.Type = Value.self) throws(PostgresError) -> Value {
        guard values.indices.contains(position) else {
            throw PostgresError(kind: .client, message: "result has no column at position \(position)")
        }
        do {
            return try Value.decode(postgresText: values[position])
        } catch {
            // The value itself is left out: it may be row data.
            throw PostgresError(kind: .client, message: "column \"\(columns.names[position])\": \(error.reason)")
        }
    }
}

/// Why a text value could not be decoded. It never quotes the value.
public struct PostgresDecodingError: Error, Sendable {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}

/// A Swift type that can be read from PostgreSQL's text output format.
public protocol PostgresDecodable: Sendable {
    /// Decodes a value; `text` is nil for SQL NULL.
    static func decode(postgresText text: String?) throws(PostgresDecodingError) -> Self
}

/// A non-optional type decoded from one non-NULL text value.
public protocol PostgresTextDecodable: PostgresDecodable {
    init?(postgresText text: String)
}

extension PostgresTextDecodable {
    public static func decode(postgresText text: String?) throws(PostgresDecodingError) -> Self {
        guard let text else { throw PostgresDecodingError("unexpected NULL for \(Self.self)") }
        guard let value = Self(postgresText: text) else {
            throw PostgresDecodingError("cannot read the value as \(Self.self)")
        }
        return value
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: String?) throws(PostgresDecodingError) -> Wrapped? {
        guard let text else { return nil }
        return try Wrapped.decode(postgresText: text)
    }
}

extension String: PostgresTextDecodable {
    public init?(postgresText text: String) { self = text }
}

extension Int: PostgresTextDecodable {
    public init?(postgresText text: String) { self.init(text) }
}

extension Int32: PostgresTextDecodable {
    public init?(postgresText text: String) { self.init(text) }
}

extension Int64: PostgresTextDecodable {
    public init?(postgresText text: String) { self.init(text) }
}

extension Double: PostgresTextDecodable {
    public init?(postgresText text: String) {
        switch text {
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        case "NaN": self = .nan
        default: self.init(text)
        }
    }
}

extension Bool: PostgresTextDecodable {
    public init?(postgresText text: String) {
        switch text {
        case "t": self = true
        case "f": self = false
        default: return nil
        }
    }
}

/// A Swift value that can be sent as a query parameter in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    /// The parameter's text; nil sends SQL NULL.
    var postgresText: String? { get }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

extension String: PostgresEncodable {
    public var postgresText: String? { self }
}

extension Int: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int32: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Int64: PostgresEncodable {
    public var postgresText: String? { String(self) }
}

extension Double: PostgresEncodable {
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }
}

extension Bool: PostgresEncodable {
    public var postgresText: String? { self ? "t" : "f" }
}
