/// One phase of a `CONCURRENTLY` statement's waits, predicted now: the transactions it would
/// wait for, each until that transaction ends (lock.c `VirtualXactLock`), one after another.
public struct ConcurrentWait: Codable, Sendable, Equatable {
    public let phase: ConcurrentWaitPhase
    /// The table whose lockers are waited for (schema-qualified); nil for the snapshot wait,
    /// which waits for transactions whatever they touched.
    public let relation: String?
    /// The transactions waited for, in the order the server lists them; empty when none.
    public let sessions: [WaitedSession]

    public init(phase: ConcurrentWaitPhase, relation: String?, sessions: [WaitedSession]) {
        self.phase = phase
        self.relation = relation
        self.sessions = sessions
    }

    /// Writes every key, unknown values as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(phase, forKey: .phase)
        try container.encode(relation, forKey: .relation)
        try container.encode(sessions, forKey: .sessions)
    }
}

/// A transaction a `CONCURRENTLY` statement would wait for, and why.
public struct WaitedSession: Codable, Sendable, Equatable {
    /// Why it is waited for.
    public enum Reason: String, Codable, Sendable {
        /// It holds a lock on the table that the phase's `WaitForLockers` mode conflicts with
        /// (``WaitedSession/mode``).
        case holdsLock = "holds_lock"
        /// It is idle in transaction with a snapshot (a REPEATABLE READ or SERIALIZABLE
        /// transaction after its first statement, or an open cursor): held until it ends.
        case snapshotIdleInTransaction = "snapshot_idle_in_transaction"
        /// It runs a statement, whose snapshot lasts at least as long as the statement.
        case snapshotInStatement = "snapshot_in_statement"
    }

    /// How sure the prediction is, since the phase's list is taken later than now.
    public enum Certainty: String, Codable, Sendable {
        /// Waited for unless its transaction ends first: it keeps the lock or snapshot until then.
        case certain
        /// Waited for if its statement is still running when the phase's list is taken.
        case likely
    }

    /// The backend; nil for a prepared transaction.
    public let pid: Int32?
    /// The prepared transaction's `gid`; nil for a backend.
    public let preparedTransaction: String?
    public let applicationName: String?
    public let state: String?
    /// Seconds since its transaction began (since it was prepared, for a prepared one).
    public let transactionAgeSeconds: Double?
    public let reason: Reason
    /// The lock it holds on the table, for ``Reason/holdsLock``.
    public let mode: LockMode?
    public let certainty: Certainty

    public init(
        pid: Int32?, preparedTransaction: String? = nil, applicationName: String? = nil, state: String? = nil,
        transactionAgeSeconds: Double? = nil, reason: Reason, mode: LockMode? = nil, certainty: Certainty
    ) {
        self.pid = pid
        self.preparedTransaction = preparedTransaction
        self.applicationName = applicationName
        self.state = state
        self.transactionAgeSeconds = transactionAgeSeconds
        self.reason = reason
        self.mode = mode
        self.certainty = certainty
    }

    enum CodingKeys: String, CodingKey {
        case pid, state, reason, mode, certainty
        case preparedTransaction = "prepared_transaction"
        case applicationName = "application_name"
        case transactionAgeSeconds = "transaction_age_seconds"
    }

    /// Writes every key, unknown values as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pid, forKey: .pid)
        try container.encode(preparedTransaction, forKey: .preparedTransaction)
        try container.encode(applicationName, forKey: .applicationName)
        try container.encode(state, forKey: .state)
        try container.encode(transactionAgeSeconds, forKey: .transactionAgeSeconds)
        try container.encode(reason, forKey: .reason)
        try container.encode(mode, forKey: .mode)
        try container.encode(certainty, forKey: .certainty)
    }

    /// Why it is waited for, in words: what the text reports say.
    public var explanation: String {
        switch reason {
        case .holdsLock:
            let lock = "holds \(mode?.pgLocksName ?? "a lock") on the table"
            return preparedTransaction == nil ? lock : lock + " (a prepared transaction: until COMMIT PREPARED or ROLLBACK PREPARED)"
        case .snapshotIdleInTransaction:
            return "holds a snapshot while idle in transaction (REPEATABLE READ or SERIALIZABLE, or an open cursor)"
        case .snapshotInStatement:
            return "runs a statement that holds a snapshot"
        }
    }
}
