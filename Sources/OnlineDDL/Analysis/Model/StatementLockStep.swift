/// One step of a statement's lock sequence, in the order PostgreSQL takes them.
public enum StatementLockStep: Hashable, Sendable {
    /// A lock on a relation the statement names.
    case relation(RelationLockRequest)
    /// A lock on relations only the catalog can name; it sits at its place in the order.
    case catalog(CatalogLockRequest)

    /// The named-relation request, if this step is one.
    public var relationRequest: RelationLockRequest? {
        if case .relation(let request) = self { return request }
        return nil
    }

    /// The catalog-dependent request, if this step is one.
    public var catalogRequest: CatalogLockRequest? {
        if case .catalog(let request) = self { return request }
        return nil
    }
}
