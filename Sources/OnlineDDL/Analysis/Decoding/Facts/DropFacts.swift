/// A `DROP` statement.
public struct DropFacts: Hashable, Sendable {
    /// The type of the dropped objects, such as ``ObjectType/table`` or ``ObjectType/index``.
    public let objectType: ObjectType
    /// The objects, in the order written.
    public let objects: [DroppedObject]
    /// Whether `CASCADE` was written.
    public let cascade: Bool
    /// Whether `CONCURRENTLY` was written (`DROP INDEX`).
    public let concurrent: Bool
    /// Whether `IF EXISTS` was written.
    public let missingOk: Bool

    /// Creates a `DROP` description.
    public init(objectType: ObjectType, objects: [DroppedObject], cascade: Bool, concurrent: Bool, missingOk: Bool) {
        self.objectType = objectType
        self.objects = objects
        self.cascade = cascade
        self.concurrent = concurrent
        self.missingOk = missingOk
    }
}
