/// What a statement does to a table's data while it holds its lock.
public struct DataWork: Hashable, Sendable, CustomStringConvertible {
    /// The kind of work, ordered from cheapest to most expensive.
    public enum Kind: Int, Hashable, Sendable, Comparable {
        /// Catalog changes only (or row-level work whose cost depends on the rows touched).
        case none
        /// Reads the whole table under the lock: validation, or an index build.
        case scan
        /// Writes a new copy of the table (new heap files, indexes rebuilt).
        case rewrite

        /// Orders kinds by cost.
        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The kind of work.
    public let kind: Kind
    /// Why, in a few words.
    public let reason: String

    /// Creates a description of data work.
    public init(kind: Kind, reason: String) {
        self.kind = kind
        self.reason = reason
    }

    /// Catalog-only work.
    public static func none(_ reason: String) -> DataWork { DataWork(kind: .none, reason: reason) }
    /// A full read of the table.
    public static func scan(_ reason: String) -> DataWork { DataWork(kind: .scan, reason: reason) }
    /// A full rewrite of the table.
    public static func rewrite(_ reason: String) -> DataWork { DataWork(kind: .rewrite, reason: reason) }

    /// `"rewrite: …"`.
    public var description: String { "\(kind): \(reason)" }

    /// The more expensive of two, keeping the first reason on a tie.
    package func combined(with other: DataWork) -> DataWork {
        other.kind > kind ? other : self
    }
}
