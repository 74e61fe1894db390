/// Whether one lock request of a migration would be granted now against the live lock
/// table, and if not, behind whom and what it would then hold up.
public struct LockWaitPrediction: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        /// Granted at once.
        case granted
        /// Would queue: see `blockers`.
        case wait
        /// Would fail at once with 40P01 (the runner's own earlier locks are involved).
        case deadlock
    }

    /// A session the request would wait for.
    public struct Blocker: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// Holds a conflicting lock.
            case hard
            /// Waits ahead in the queue for a conflicting lock.
            case soft
        }

        public let kind: Kind
        public let session: LockTableSession
    }

    /// The relation as the live table names it (schema-qualified).
    public let relation: String
    public let mode: LockMode
    public let outcome: Outcome
    public let blockers: [Blocker]
    /// pids of sessions already queued that would then wait behind this request.
    public let queuedBehind: [Int32]
    /// Statement kinds that would start queueing behind this request while it waits or
    /// holds the lock, for example `SELECT`, `INSERT/UPDATE/DELETE`.
    public let wouldBlock: [String]

    enum CodingKeys: String, CodingKey {
        case relation, mode, outcome, blockers
        case queuedBehind = "queued_behind"
        case wouldBlock = "would_block"
    }
}

/// Predicts a migration's lock requests, in order, against a replayed live lock table,
/// as the runner's own new session: locks it would be granted stay held for the rest of
/// the transaction, so later requests see them (and the insertion rule can apply).
public struct MigrationLockPredictor: Sendable {
    /// The session name the runner takes in the simulated lock table.
    public static let runnerSession = "onlineddl"

    private let table: LiveLockTable
    private var simulator: LockSimulator
    /// The session the predictions are made for.
    private let session: String

    /// Predicts for a new session, or for the backend `runnerPID` when it is in the table
    /// already (a runner inside its transaction, holding the locks of earlier statements).
    public init(table: LiveLockTable, runnerPID: Int32? = nil) {
        self.table = table
        self.simulator = table.simulator
        self.session = runnerPID.flatMap(table.sessionName(ofPID:)) ?? Self.runnerSession
    }

    /// Predicts one request on a relation named `relation` (schema-qualified or bare) or,
    /// more precisely, with OID `relationID`. Nobody locking the relation means granted.
    public mutating func predict(relation: String, relationID: UInt32? = nil, mode: LockMode) -> LockWaitPrediction {
        let tag = relationID.flatMap(table.tag(forRelationID:)) ?? table.tag(forRelation: relation)
        let key = tag?.key ?? "relation \(relationID.map(String.init) ?? relation)"
        let prediction = simulator.predict(session: session, object: key, mode: mode)
        let outcome: LockWaitPrediction.Outcome
        var blockers: [LockWaitPrediction.Blocker] = []
        switch prediction.outcome {
        case .granted:
            outcome = .granted
            _ = simulator.acquire(session: session, object: key, mode: mode)
        case .waiting(let hard, let soft):
            outcome = .wait
            blockers = hard.map { .init(kind: .hard, session: table.session($0)) }
                + soft.map { .init(kind: .soft, session: table.session($0)) }
        case .deadlock, .notAvailable:
            // Only NOWAIT requests end as notAvailable, and these predictions are not NOWAIT.
            outcome = .deadlock
        }
        return LockWaitPrediction(
            relation: tag?.relationName ?? relation, mode: mode, outcome: outcome,
            blockers: blockers, queuedBehind: prediction.stuckWaiters.map { table.pid(of: $0) ?? 0 },
            wouldBlock: StatementKinds.blocked(by: prediction.newlyBlockedModes)
        )
    }

    /// Forgets the runner's locks, as its COMMIT would.
    public mutating func endTransaction() {
        _ = simulator.releaseAll(session: session)
    }
}

/// The everyday statements each lock mode stands for, to say what a lock holds up.
public enum StatementKinds {
    private static let kinds: [(name: String, mode: LockMode)] = [
        ("SELECT", .accessShare),
        ("SELECT FOR UPDATE/SHARE", .rowShare),
        ("INSERT/UPDATE/DELETE", .rowExclusive),
        ("VACUUM/ANALYZE/CREATE INDEX CONCURRENTLY", .shareUpdateExclusive),
        ("CREATE INDEX", .share),
    ]

    /// The statement kinds whose lock is in `modes`.
    public static func blocked(by modes: LockModeSet) -> [String] {
        kinds.filter { modes.contains($0.mode) }.map(\.name)
    }
}
