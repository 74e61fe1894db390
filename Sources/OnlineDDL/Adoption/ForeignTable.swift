import OnlineDDLParsing

/// Another tool's history table: the name given (`--from-table`, else the tool's default,
/// unqualified) and, once found, the schema it is in.
public struct ForeignTable: Sendable, Hashable, CustomStringConvertible {
    public let schema: String?
    public let name: String

    public init(schema: String?, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `table` or `schema.table`, each part as the tool names it (case kept; no quotes).
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && !$0.contains("\"") }) else { return nil }
        self.init(schema: parts.count == 2 ? parts[0] : nil, name: parts[parts.count - 1])
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }

    /// The name for SQL, quoted. Unqualified, the server finds it through `search_path`,
    /// as the tool itself does.
    var sqlName: String { SQLIdentifier.quoted(RelationName(schema: schema, name: name)) }
}
