import OnlineDDLAnalysis
import OnlineDDLLocking
import OnlineDDLParsing

/// Turns an offline ``StatementAnalysis`` into locks on concrete relations, using a
/// ``CatalogSnapshot``. It is a pure function of the analysis and the snapshot.
///
/// - Named relations resolve as PostgreSQL resolves them: a qualified name in its schema,
///   an unqualified one through the snapshot's `search_path`.
/// - Each ``CatalogLookup`` expands to the relations the catalog lists (an index's table,
///   descendants, the default partition, foreign-key peers, indexes, owned sequences,
///   view base relations, `CASCADE` dependents), in the order PostgreSQL visits them.
/// - A view named in a query is expanded as the rewriter expands it: its base relations are
///   locked in the query's mode, with the partitions and indexes the planner opens.
/// - Caveats are settled where the catalog decides them; see ``CaveatSettler``.
public struct CatalogResolver: Sendable {
    /// The catalog the analysis is resolved against.
    public let catalog: CatalogSnapshot

    /// Creates a resolver over a snapshot.
    public init(catalog: CatalogSnapshot) {
        self.catalog = catalog
    }

    /// Resolves one statement's analysis.
    public func resolve(_ analysis: StatementAnalysis) -> ResolvedAnalysis {
        var locks = ResolvedLockList()
        var unknown: [RelationName] = []
        let expander = LookupExpander(catalog: catalog, facts: analysis.facts)
        let settler = CaveatSettler(catalog: catalog, analysis: analysis)
        let settled = analysis.caveats.map(settler.settle)
        for step in analysis.lockSteps {
            switch step {
            case .relation(let request):
                if Self.isSkipped(request.condition, given: settled) { continue }
                guard let relation = catalog.relation(named: request.relation) else {
                    if !unknown.contains(request.relation) { unknown.append(request.relation) }
                    continue
                }
                locks.append(relation, like: request)
                if expander.expandsViews(of: analysis), relation.kind == .view {
                    for expansion in expander.viewExpansion(of: relation.id) {
                        locks.append(expansion.relation, mode: request.mode, role: expansion.role,
                                     reason: expansion.reason, like: request)
                    }
                }
            case .catalog(let request):
                if Self.isSkipped(request.condition, given: settled) { continue }
                for id in expander.relations(for: request.lookup) {
                    if let relation = catalog.relations[id] { locks.append(relation, like: request) }
                }
            }
        }
        return ResolvedAnalysis(
            analysis: analysis, locks: locks.requests, unknownRelations: unknown,
            unresolvedLookups: analysis.catalogLockRequests.map(\.lookup).filter { !expander.canExpand($0) },
            caveats: settled, dataWork: settler.dataWork(given: settled),
            transactional: settler.transactional(given: settled))
    }

    /// Whether a conditional lock is not taken: its caveat was settled the other way. A lock
    /// whose caveat stays unsettled is kept, so the list errs on the side of more locks.
    private static func isSkipped(_ condition: LockCondition?, given settled: [SettledCaveat]) -> Bool {
        guard let condition, let verdict = settled.first(where: { $0.caveat == condition.caveat })?.verdict else {
            return false
        }
        switch verdict {
        case .holds: return !condition.whenHolds
        case .overturned: return condition.whenHolds
        case .unsettled: return false
        }
    }
}

/// The resolved locks of one statement, without a second request for a mode the statement
/// already holds on a relation in the same internal transaction (PostgreSQL grants it at
/// once, and `pg_locks` shows the mode once).
private struct ResolvedLockList {
    private(set) var requests: [ResolvedLockRequest] = []

    mutating func append(_ relation: CatalogRelation, like request: RelationLockRequest) {
        append(relation, mode: request.mode, role: request.role, reason: request.reason,
               transaction: request.transaction, duration: request.duration, noWait: request.noWait)
    }

    mutating func append(_ relation: CatalogRelation, like request: CatalogLockRequest) {
        append(relation, mode: request.mode, role: request.role, reason: request.reason,
               transaction: request.transaction, duration: request.duration, noWait: false)
    }

    mutating func append(
        _ relation: CatalogRelation, mode: LockMode, role: LockRole, reason: String, like request: RelationLockRequest
    ) {
        append(relation, mode: mode, role: role, reason: reason,
               transaction: request.transaction, duration: request.duration, noWait: request.noWait)
    }

    private mutating func append(
        _ relation: CatalogRelation, mode: LockMode, role: LockRole, reason: String,
        transaction: Int, duration: LockHoldDuration, noWait: Bool
    ) {
        let repeated = requests.contains {
            $0.relation.id == relation.id && $0.mode == mode && $0.transaction == transaction
                && $0.duration != .released && duration != .released
        }
        guard !repeated else { return }
        requests.append(ResolvedLockRequest(
            relation: relation, mode: mode, role: role, reason: reason,
            transaction: transaction, duration: duration, noWait: noWait))
    }
}
