/// When a lock depends on a caveat: it is taken only if the caveat turns out as stated.
public struct LockCondition: Hashable, Sendable {
    /// The caveat.
    public let caveat: CatalogCaveat
    /// `true`: taken only if the caveat holds (the rewrite of a type change); `false`: only
    /// if the catalog overturns it (the index re-creation of a type change without rewrite).
    public let whenHolds: Bool

    /// Creates a condition.
    public init(_ caveat: CatalogCaveat, whenHolds: Bool) {
        self.caveat = caveat
        self.whenHolds = whenHolds
    }
}
