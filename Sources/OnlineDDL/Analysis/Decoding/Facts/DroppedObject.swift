import OnlineDDLParsing

/// One object named in a `DROP` statement.
public struct DroppedObject: Hashable, Sendable {
    /// The object's name as written, dot-separated (`"s.t"`, or `"t.trigger_name"` for a
    /// trigger, policy or rule, whose name follows its table's).
    public let name: String
    /// The dropped relation, or for a trigger, policy or rule, the table it belongs to.
    public let relation: RelationName?

    /// Creates a dropped-object description.
    public init(name: String, relation: RelationName?) {
        self.name = name
        self.relation = relation
    }
}
