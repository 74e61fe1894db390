import OnlineDDLSupport

/// A backend (or a prepared transaction) as the live lock table shows it: what the gate,
/// the predictions and `onlineddl locks` say about a holder or a waiter.
public struct LockTableSession: Codable, Sendable, Equatable {
    public let pid: Int32?
    /// `pg_locks.virtualtransaction`.
    public let virtualTransaction: String
    public let applicationName: String?
    public let user: String?
    public let state: String?
    /// Seconds since the session's transaction began.
    public let transactionAgeSeconds: Double?
    /// The current or last statement, as the table's ``QueryTextPolicy`` shows it, on
    /// one line and at most `queryLength` characters.
    public let query: String?
    /// Whether this is a hot standby's startup process replaying WAL (no client: its
    /// application, user, state and query are empty). JSON: `"backend_type": "startup"`,
    /// present only then.
    public let isStartupProcess: Bool

    /// Creates a session; `isStartupProcess` only for a standby's startup process.
    public init(
        pid: Int32?, virtualTransaction: String, applicationName: String?, user: String?, state: String?,
        transactionAgeSeconds: Double?, query: String?, isStartupProcess: Bool = false
    ) {
        self.pid = pid
        self.virtualTransaction = virtualTransaction
        self.applicationName = applicationName
        self.user = user
        self.state = state
        self.transactionAgeSeconds = transactionAgeSeconds
        self.query = query
        self.isStartupProcess = isStartupProcess
    }

    enum CodingKeys: String, CodingKey {
        case pid, state, user, query
        case virtualTransaction = "virtual_transaction"
        case applicationName = "application_name"
        case transactionAgeSeconds = "transaction_age_seconds"
        case backendType = "backend_type"
    }

    /// `pg_stat_activity.backend_type` of the startup process.
    private static let startupBackendType = "startup"

    /// Reads the keys ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            pid: try container.decodeIfPresent(Int32.self, forKey: .pid),
            virtualTransaction: try container.decode(String.self, forKey: .virtualTransaction),
            applicationName: try container.decodeIfPresent(String.self, forKey: .applicationName),
            user: try container.decodeIfPresent(String.self, forKey: .user),
            state: try container.decodeIfPresent(String.self, forKey: .state),
            transactionAgeSeconds: try container.decodeIfPresent(Double.self, forKey: .transactionAgeSeconds),
            query: try container.decodeIfPresent(String.self, forKey: .query),
            isStartupProcess: try container.decodeIfPresent(String.self, forKey: .backendType) == Self.startupBackendType)
    }

    /// Writes every key, unknown values as null; `backend_type` only for the startup process.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(pid, forKey: .pid)
        try container.encode(virtualTransaction, forKey: .virtualTransaction)
        try container.encode(applicationName, forKey: .applicationName)
        try container.encode(user, forKey: .user)
        try container.encode(state, forKey: .state)
        try container.encode(transactionAgeSeconds, forKey: .transactionAgeSeconds)
        try container.encode(query, forKey: .query)
        if isStartupProcess { try container.encode(Self.startupBackendType, forKey: .backendType) }
    }

    /// Longest query text shown per session.
    public static let queryLength = 120
}

extension LiveLockTable {
    /// A session of the snapshot as reports show it, its query as ``queryTexts`` says and
    /// then on one line, cut to ``LockTableSession/queryLength``.
    public func session(_ name: String) -> LockTableSession {
        let pid = pid(of: name)
        let activity = pid.flatMap { snapshot.activity[$0] }
        return LockTableSession(
            pid: pid, virtualTransaction: name, applicationName: activity?.applicationName,
            user: activity?.user, state: activity?.state,
            transactionAgeSeconds: activity?.transactionStart.map { max(0, snapshot.takenAt - $0) },
            query: activity?.query.map { queryTexts.text(of: $0).singleLine(limit: LockTableSession.queryLength) },
            isStartupProcess: activity?.isStartupProcess == true
        )
    }
}
