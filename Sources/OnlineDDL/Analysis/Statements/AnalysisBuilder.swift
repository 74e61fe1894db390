import OnlineDDLLocking
import OnlineDDLParsing

/// Accumulates one statement's analysis while a family analyzer walks its parse tree.
struct AnalysisBuilder {
    /// The PostgreSQL major version analyzed for.
    let version: Int
    private(set) var steps: [StatementLockStep] = []
    private var dataWork: DataWork?
    private(set) var caveats: [CatalogCaveat] = []
    /// Whether the statement may run in a transaction block.
    var transactional = true
    /// The statement's facts.
    var facts = StatementFacts.none

    init(version: Int) {
        self.version = version
    }

    /// Appends a lock on a named relation, unless the statement already took the same mode on
    /// it in the same transaction (PostgreSQL then grants it at once without a new lock).
    mutating func lock(
        _ relation: RelationName, _ mode: LockMode, as role: LockRole, _ reason: String,
        transaction: Int = 1, duration: LockHoldDuration = .transaction, noWait: Bool = false
    ) {
        append([.relation(RelationLockRequest(
            relation: relation, mode: mode, role: role, reason: reason,
            transaction: transaction, duration: duration, noWait: noWait))])
    }

    /// Appends a lock on relations only the catalog can name, unless the same lookup is already
    /// locked in the same mode and transaction.
    mutating func lock(
        _ lookup: CatalogLookup, _ mode: LockMode, as role: LockRole, _ reason: String,
        transaction: Int = 1, duration: LockHoldDuration = .transaction
    ) {
        append([.catalog(CatalogLockRequest(
            lookup: lookup, mode: mode, role: role, reason: reason,
            transaction: transaction, duration: duration))])
    }

    /// Appends steps computed elsewhere, skipping repeats of a lock already taken.
    mutating func append(_ more: [StatementLockStep]) {
        for step in more where !steps.contains(where: { Self.isRepeat(step, of: $0) }) {
            steps.append(step)
        }
    }

    private static func isRepeat(_ step: StatementLockStep, of earlier: StatementLockStep) -> Bool {
        switch (step, earlier) {
        case (.relation(let new), .relation(let old)):
            new.relation == old.relation && new.mode == old.mode && new.transaction == old.transaction
                && old.duration != .released && (old.condition == nil || old.condition == new.condition)
        case (.catalog(let new), .catalog(let old)):
            new.lookup == old.lookup && new.mode == old.mode && new.transaction == old.transaction
                && (old.condition == nil || old.condition == new.condition)
        default:
            false
        }
    }

    /// Records data work; the most expensive work wins, and the first reason on a tie.
    mutating func record(_ work: DataWork) {
        dataWork = dataWork.map { $0.combined(with: work) } ?? work
    }

    /// Records a caveat once.
    mutating func note(_ caveat: CatalogCaveat) {
        if !caveats.contains(caveat) { caveats.append(caveat) }
    }

    /// The finished analysis.
    func analysis(nodeType: String) -> StatementAnalysis {
        StatementAnalysis(
            nodeType: nodeType, postgresMajorVersion: version, classification: .classified,
            lockSteps: steps, transactional: transactional, dataWork: dataWork ?? .none("catalog changes only"),
            caveats: caveats, facts: facts)
    }
}
