import OnlineDDLParsing

/// An `ALTER TABLE` (or `ALTER INDEX`, `ALTER VIEW`, `ALTER MATERIALIZED VIEW`,
/// `ALTER SEQUENCE … OWNER TO`, `ALTER FOREIGN TABLE`) statement.
public struct AlterTableFacts: Hashable, Sendable {
    /// The relation altered.
    public let relation: RelationName
    /// The kind of relation the statement says it alters.
    public let relationKind: RelationKind
    /// Whether `ONLY` was omitted, so subcommands that recurse reach inheritance children
    /// and partitions.
    public let recursesToDescendants: Bool
    /// Whether `IF EXISTS` was written.
    public let missingOk: Bool
    /// The subcommands, in the order written.
    public let subcommands: [AlterTableSubcommand]

    /// Creates an `ALTER TABLE` description.
    public init(
        relation: RelationName, relationKind: RelationKind, recursesToDescendants: Bool,
        missingOk: Bool, subcommands: [AlterTableSubcommand]
    ) {
        self.relation = relation
        self.relationKind = relationKind
        self.recursesToDescendants = recursesToDescendants
        self.missingOk = missingOk
        self.subcommands = subcommands
    }
}
