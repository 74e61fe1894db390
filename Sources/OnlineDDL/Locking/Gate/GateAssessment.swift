import Foundation
import OnlineDDLSupport

/// The prediction gate's verdict on a set of lock requests against one live snapshot:
/// send now, send and let `lock_timeout` bound a short wait, or do not send and wait.
public struct GateAssessment: Sendable, Equatable {
    public enum Verdict: String, Sendable, Codable {
        /// Every lock would be granted at once.
        case clear
        /// Some lock would queue, but only behind young, running transactions: sending is
        /// safe, `lock_timeout` bounds the wait.
        case proceed
        /// Some lock would queue behind a long transaction (or the request would deadlock):
        /// sending it would stall every query behind it, so the runner waits instead.
        case wait
    }

    public let verdict: Verdict
    /// The prediction of each request, in order (up to the first that would wait).
    public let predictions: [LockWaitPrediction]
    /// The sessions the first waiting request would wait for, long ones first.
    public let blockers: [GateBlocker]

    /// Predicts `locks` in order against `table`, for the backend `runnerPID` when it is
    /// already in a transaction (holding earlier statements' locks) or for a new session.
    /// Blocking transactions older than `longTransactionAge` seconds, idle in transaction for
    /// `idleGrace` seconds or more, prepared, autovacuum workers, or sessions themselves
    /// queued behind such a session, are long. A young transaction idle for less than the
    /// grace is between two statements of a busy application, not forgotten: holding back
    /// for such sessions would starve the gate on a table with many multi-statement
    /// transactions.
    public static func assess(
        _ locks: [RelationLock], table: LiveLockTable, runnerPID: Int32? = nil, longTransactionAge: Double,
        idleGrace: Double = defaultIdleGrace
    ) -> GateAssessment {
        var predictor = MigrationLockPredictor(table: table, runnerPID: runnerPID)
        var predictions: [LockWaitPrediction] = []
        for lock in locks {
            let prediction = predictor.predict(relation: lock.relation, relationID: lock.relationID, mode: lock.mode)
            predictions.append(prediction)
            switch prediction.outcome {
            case .granted:
                continue
            case .deadlock:
                return GateAssessment(verdict: .wait, predictions: predictions, blockers: [])
            case .wait:
                let classifier = BlockerClassifier(table: table, longTransactionAge: longTransactionAge, idleGrace: idleGrace)
                let blockers = prediction.blockers.map { classifier.classify($0.session) }
                    .sorted { $0.isLong && !$1.isLong }
                let verdict: Verdict = blockers.contains(where: \.isLong) ? .wait : .proceed
                return GateAssessment(verdict: verdict, predictions: predictions, blockers: blockers)
            }
        }
        return GateAssessment(verdict: .clear, predictions: predictions, blockers: [])
    }

    /// How long a session may sit idle inside its transaction before it counts as long.
    public static let defaultIdleGrace = 0.1

    /// This verdict with the standbys' looks: the gate waits when any standby must be
    /// waited for, and reports the standbys' blockers after the primary's. A young reader
    /// on a standby makes a clear verdict ``Verdict/proceed``: its startup process will
    /// wait for it briefly.
    package func including(_ standbys: [StandbyAssessment]) -> GateAssessment {
        let standbyBlockers = standbys.flatMap(\.blockers)
        guard !standbyBlockers.isEmpty else { return self }
        let mustWait = verdict == .wait || standbys.contains(where: \.mustWait)
        return GateAssessment(
            verdict: mustWait ? .wait : .proceed, predictions: predictions, blockers: blockers + standbyBlockers)
    }
}

/// A session the runner's request would wait for, and whether it is a long transaction.
public struct GateBlocker: Sendable, Equatable, Codable {
    public let pid: Int32?
    public let applicationName: String?
    public let user: String?
    public let state: String?
    public let transactionAgeSeconds: Double?
    /// The session's current or last statement on one line, truncated (normalized under
    /// ``QueryTextPolicy/normalized``).
    public let query: String?
    /// Whether the runner waits for it rather than queueing behind it.
    public let isLong: Bool
    /// Why, in a few words: `idle in transaction for 42.0 s`, `transaction open for 3.1 s`,
    /// `autovacuum running for 0.2 s`, `queued behind pid 4242 (idle in transaction)`,
    /// `young transaction`.
    public let reason: String
    /// The hot standby the session is on (its redacted connection string), or nil for the
    /// primary. A standby blocker without `pid` is a state of replay itself, such as
    /// `replay paused`.
    public let standby: String?
    /// What on the standby makes readers wait; nil for the primary.
    public let condition: StandbyCondition?

    /// Creates a value with every property given; `standby` and `condition` nil for the primary.
    public init(
        pid: Int32?, applicationName: String?, user: String?, state: String?, transactionAgeSeconds: Double?,
        query: String?, isLong: Bool, reason: String, standby: String? = nil, condition: StandbyCondition? = nil
    ) {
        self.pid = pid
        self.applicationName = applicationName
        self.user = user
        self.state = state
        self.transactionAgeSeconds = transactionAgeSeconds
        self.query = query
        self.isLong = isLong
        self.reason = reason
        self.standby = standby
        self.condition = condition
    }

    enum CodingKeys: String, CodingKey {
        case pid, user, state, query, reason, standby, condition
        case applicationName = "application_name"
        case transactionAgeSeconds = "transaction_age_seconds"
        case isLong = "long"
    }
}

/// Decides which blocking sessions are long transactions, following soft waits: a session
/// queued ahead of the runner is long when it is itself stuck behind a long transaction.
struct BlockerClassifier {
    let table: LiveLockTable
    let longTransactionAge: Double
    let idleGrace: Double

    func classify(_ session: LockTableSession) -> GateBlocker {
        var visited: Set<String> = []
        let reason = longReason(session.virtualTransaction, visited: &visited)
        return GateBlocker(
            pid: session.pid, applicationName: session.applicationName, user: session.user, state: session.state,
            transactionAgeSeconds: session.transactionAgeSeconds, query: session.query,
            isLong: reason != nil, reason: reason ?? "young transaction")
    }

    /// Why a session's transaction counts as long by its own state, or nil: idle in it for
    /// `idleGrace` seconds or more (an unknown idle time counts: the gate errs on the side
    /// of not queueing), or open for `longTransactionAge` seconds or more. The standbys'
    /// holders are judged the same way (``StandbyAssessment``).
    static func longTransactionReason(
        idleInTransaction: Bool, idleSeconds: Double?, transactionAgeSeconds: Double?, longTransactionAge: Double,
        idleGrace: Double
    ) -> String? {
        if idleInTransaction, idleSeconds.map({ $0 >= idleGrace }) ?? true {
            return "idle in transaction" + (idleSeconds.map { String(format: " for %.1f s", $0) } ?? "")
        }
        if let seconds = transactionAgeSeconds, seconds >= longTransactionAge {
            return "transaction open for \(DurationText.human(.seconds(seconds)))"
        }
        return nil
    }

    /// Why a session counts as long, or nil when it is young and running.
    private func longReason(_ name: String, visited: inout Set<String>) -> String? {
        guard visited.insert(name).inserted else { return nil }
        let session = table.session(name)
        guard let pid = session.pid else { return "prepared transaction" }
        let age = session.transactionAgeSeconds.map { DurationText.human(.seconds($0)) }
        let activity = table.snapshot.activity[pid]
        if let activity, activity.isAutovacuum {
            // However young, autovacuum is no application transaction about to end: it
            // runs as long as the table takes, and PostgreSQL cancels it for a waiting
            // lock only after deadlock_timeout, with every query on the table queued
            // behind that lock meanwhile (never, when it prevents wraparound).
            return "autovacuum" + (age.map { " running for \($0)" } ?? "")
        }
        if let reason = Self.longTransactionReason(
            idleInTransaction: activity?.isIdleInTransaction == true,
            idleSeconds: activity?.stateChange.map { max(0, table.snapshot.takenAt - $0) },
            transactionAgeSeconds: session.transactionAgeSeconds, longTransactionAge: longTransactionAge, idleGrace: idleGrace) {
            return reason
        }
        if let blockers = table.simulator.blockers(of: name) {
            for blocker in blockers.hard + blockers.soft {
                if let reason = longReason(blocker, visited: &visited) {
                    return "queued behind pid \(table.pid(of: blocker).map(String.init) ?? "?") (\(reason))"
                }
            }
        }
        return nil
    }
}
