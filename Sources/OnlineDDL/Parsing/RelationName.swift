/// A relation (table, index, view, sequence, …) named in a statement, spelled as the parser
/// gives it: unquoted identifiers are already folded to lower case, quoted ones keep their case.
public struct RelationName: Hashable, Sendable, CustomStringConvertible {
    /// The schema written before the name, or `nil` when the name is unqualified.
    public let schema: String?
    /// The relation's own name.
    public let name: String

    /// Creates a relation name.
    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    /// `"schema.name"`, or `"name"` when unqualified.
    public var description: String {
        schema.map { "\($0).\(name)" } ?? name
    }

    /// Whether both names can denote the same relation: equal names, and equal schemas unless
    /// one of them is unqualified.
    package func isSameRelation(as other: RelationName) -> Bool {
        name == other.name && (schema == nil || other.schema == nil || schema == other.schema)
    }

    /// The same name in another relation's schema: PostgreSQL looks up the index of
    /// `CLUSTER ON`, `REPLICA IDENTITY USING INDEX` and `USING INDEX` in the table's schema.
    package func sibling(named name: String) -> RelationName {
        RelationName(schema: schema, name: name)
    }
}
