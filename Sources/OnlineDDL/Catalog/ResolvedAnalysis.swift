import OnlineDDLAnalysis
import OnlineDDLLocking
import OnlineDDLParsing

/// A statement's analysis with the catalog applied: every lock on a concrete, schema-qualified
/// relation, caveats settled where the catalog can settle them, and the data work and
/// transaction-block rule they imply.
public struct ResolvedAnalysis: Hashable, Sendable {
    /// The offline analysis this resolves.
    public let analysis: StatementAnalysis
    /// Every lock, in the order PostgreSQL takes them, each relation and mode once per
    /// internal transaction and duration.
    public let locks: [ResolvedLockRequest]
    /// Relations the statement names that the catalog does not have: ones the statement (or an
    /// earlier statement of the migration) creates, or names under `IF EXISTS`.
    public let unknownRelations: [RelationName]
    /// Lookups the snapshot cannot expand, such as the dependents of a dropped type under
    /// `CASCADE`: their locks are missing from ``locks``.
    public let unresolvedLookups: [CatalogLookup]
    /// Each caveat of the analysis with the catalog's verdict.
    public let caveats: [SettledCaveat]
    /// The work on table data once caveats are settled.
    public let dataWork: DataWork
    /// Whether the statement may run in a transaction block, once caveats are settled.
    public let transactional: Bool

    /// Creates a resolved analysis.
    public init(
        analysis: StatementAnalysis, locks: [ResolvedLockRequest], unknownRelations: [RelationName],
        unresolvedLookups: [CatalogLookup], caveats: [SettledCaveat], dataWork: DataWork, transactional: Bool
    ) {
        self.analysis = analysis
        self.locks = locks
        self.unknownRelations = unknownRelations
        self.unresolvedLookups = unresolvedLookups
        self.caveats = caveats
        self.dataWork = dataWork
        self.transactional = transactional
    }

    /// The strongest mode the statement requests on a relation, if any.
    public func strongestMode(on relation: RelationID) -> LockMode? {
        locks.filter { $0.relation.id == relation }.map(\.mode).max()
    }
}
