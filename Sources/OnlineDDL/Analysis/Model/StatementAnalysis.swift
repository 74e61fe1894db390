import OnlineDDLLocking
import OnlineDDLParsing

/// What one statement does to table-level locks and table data on one PostgreSQL version,
/// derived from its parse tree alone.
public struct StatementAnalysis: Hashable, Sendable {
    /// The statement's node type, such as `"AlterTableStmt"`.
    public let nodeType: String
    /// The PostgreSQL major version analyzed for.
    public let postgresMajorVersion: Int
    /// Whether the statement kind is modelled.
    public let classification: StatementClassification
    /// Every lock the statement takes, named or catalog-dependent, in the order PostgreSQL
    /// takes them.
    public let lockSteps: [StatementLockStep]
    /// Whether the statement may run inside a transaction block on this version.
    public let transactional: Bool
    /// The work done on table data.
    public let dataWork: DataWork
    /// Assumptions the catalog can overturn.
    public let caveats: [CatalogCaveat]
    /// Structured facts for lint rules.
    public let facts: StatementFacts

    /// Creates an analysis.
    public init(
        nodeType: String, postgresMajorVersion: Int, classification: StatementClassification,
        lockSteps: [StatementLockStep], transactional: Bool, dataWork: DataWork,
        caveats: [CatalogCaveat], facts: StatementFacts
    ) {
        self.nodeType = nodeType
        self.postgresMajorVersion = postgresMajorVersion
        self.classification = classification
        self.lockSteps = lockSteps
        self.transactional = transactional
        self.dataWork = dataWork
        self.caveats = caveats
        self.facts = facts
    }

    /// The locks on relations the statement names, in the order PostgreSQL takes them.
    public var lockRequests: [RelationLockRequest] { lockSteps.compactMap(\.relationRequest) }

    /// The locks whose relations only the catalog can name, in order.
    public var catalogLockRequests: [CatalogLockRequest] { lockSteps.compactMap(\.catalogRequest) }

    /// Whether the statement kind is modelled.
    public var isClassified: Bool { classification == .classified }

    /// Whether the statement runs procedural code (`CALL`, `DO`) that may `COMMIT` or
    /// `ROLLBACK` itself when it runs outside a transaction block (PostgreSQL 11+, a
    /// procedure's `COMMIT` fails with 2D000 inside one): outside a `BEGIN … COMMIT` block it
    /// runs on its own, as psql runs it, not inside a transaction of the runner's.
    public var runsProceduralCode: Bool { kind == .call || kind == .doBlock }

    /// The statement's kind, decoded from ``nodeType``.
    public var kind: StatementKind { StatementKind(nodeName: nodeType) }

    /// The strongest mode the statement requests on a named relation, if any.
    public func strongestMode(on relation: RelationName) -> LockMode? {
        var strongest: LockMode?
        for case .relation(let request) in lockSteps where request.relation == relation {
            strongest = max(strongest ?? request.mode, request.mode)
        }
        return strongest
    }
}
