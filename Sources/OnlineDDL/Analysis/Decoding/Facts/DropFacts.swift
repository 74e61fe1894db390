/// A `DROP` statement.
public struct DropFacts: Hashable, Sendable {
    /// libpg_query's object type, such as `"OBJECT_TABLE"` or `"OBJECT_INDEX"`.
    public let objectType: String
    /// The objects, in the order written.
    public let objects: [DroppedObject]
    /// Whether `CASCADE` was written.
    public let cascade: Bool
    /// Whether `CONCURRENTLY` was written (`DROP INDEX`).
    public let concurrent: Bool
    /// Whether `IF EXISTS` was written.
    public let missingOk: Bool

    /// Creates a `DROP` description.
    public init(objectType: String, objects: [DroppedObject], cascade: Bool, concurrent: Bool, missingOk: Bool) {
        self.objectType = objectType
        self.objects = objects
        self.cascade = cascade
        self.concurrent = concurrent
        self.missingOk = missingOk
    }
}
