/// A relation's object identifier (`pg_class.oid`), stable for the relation's lifetime.
public struct RelationID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The OID.
    public let rawValue: UInt32

    /// Wraps an OID.
    public init(_ rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Orders by OID.
    public static func < (lhs: RelationID, rhs: RelationID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The OID in decimal.
    public var description: String { String(rawValue) }
}
