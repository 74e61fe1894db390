/// A type name as written in a column definition or `ALTER COLUMN … TYPE`, after the
/// grammar's own normalisation (`varchar(10)` is `pg_catalog.varchar` with modifier 10,
/// `integer` is `pg_catalog.int4`, `timestamp with time zone` is `pg_catalog.timestamptz`).
public struct SQLTypeName: Hashable, Sendable, CustomStringConvertible {
    /// The schema the grammar or the user wrote, such as `"pg_catalog"`, or `nil`.
    public let schema: String?
    /// The type's name, such as `"varchar"`, `"int4"`, `"text"`.
    public let name: String
    /// The integer type modifiers, such as `[10, 2]` for `numeric(10,2)`; `nil` when a modifier
    /// is not an integer constant.
    public let modifiers: [Int]?
    /// The number of array dimensions (`int[]` has 1).
    public let arrayDimensions: Int

    /// Creates a type name.
    public init(schema: String? = nil, name: String, modifiers: [Int]? = [], arrayDimensions: Int = 0) {
        self.schema = schema
        self.name = name
        self.modifiers = modifiers
        self.arrayDimensions = arrayDimensions
    }

    /// Whether the type is one of PostgreSQL's built-in types (so it cannot be a domain).
    public var isBuiltIn: Bool {
        if let schema { return schema == "pg_catalog" }
        return Self.unqualifiedBuiltInNames.contains(name)
    }

    /// Whether the name is one of the `serial` pseudo-types, which create a sequence and a
    /// `nextval()` default.
    public var isSerial: Bool {
        schema == nil && arrayDimensions == 0 && Self.serialNames.contains(name)
    }

    /// `"pg_catalog.numeric(10,2)[]"`.
    public var description: String {
        let qualified = schema.map { "\($0).\(name)" } ?? name
        let mods = modifiers.map { $0.isEmpty ? "" : "(" + $0.map(String.init).joined(separator: ",") + ")" } ?? "(…)"
        return qualified + mods + String(repeating: "[]", count: arrayDimensions)
    }

    private static let serialNames: Set<String> = ["smallserial", "serial2", "serial", "serial4", "bigserial", "serial8"]

    /// Built-in type names that are commonly written without a schema.
    private static let unqualifiedBuiltInNames: Set<String> = [
        "bool", "bytea", "char", "name", "int2", "int4", "int8", "text", "oid", "json", "jsonb",
        "jsonpath", "xml", "point", "lseg", "path", "box", "polygon", "line", "circle", "float4",
        "float8", "money", "macaddr", "macaddr8", "inet", "cidr", "bpchar", "varchar", "date",
        "time", "timetz", "timestamp", "timestamptz", "interval", "bit", "varbit", "numeric",
        "uuid", "tsvector", "tsquery", "regclass", "regtype", "regproc", "pg_lsn", "xid", "xid8",
        "tid", "cid", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange",
        "int4multirange", "int8multirange", "nummultirange", "tsmultirange", "tstzmultirange",
        "datemultirange", "txid_snapshot", "pg_snapshot",
    ]
}
