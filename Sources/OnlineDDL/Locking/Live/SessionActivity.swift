/// What `pg_stat_activity` says about one backend, for reporting who blocks whom.
public struct SessionActivity: Sendable, Equatable, Codable {
    public let pid: Int32
    public let user: String?
    public let applicationName: String?
    public let clientAddress: String?
    /// `active`, `idle in transaction`, `idle in transaction (aborted)`, …
    public let state: String?
    public let backendXID: String?
    /// Seconds since the Unix epoch, as the server's clock says.
    public let transactionStart: Double?
    public let queryStart: Double?
    public let stateChange: Double?
    public let waitEventType: String?
    public let waitEvent: String?
    /// The current or last statement, truncated by the server-side query.
    public let query: String?
    public let backendType: String?

    /// Creates a value with every property given.
    public init(pid: Int32, user: String? = nil, applicationName: String? = nil, clientAddress: String? = nil, state: String? = nil, backendXID: String? = nil, transactionStart: Double? = nil, queryStart: Double? = nil, stateChange: Double? = nil, waitEventType: String? = nil, waitEvent: String? = nil, query: String? = nil, backendType: String? = nil) {
        self.pid = pid
        self.user = user
        self.applicationName = applicationName
        self.clientAddress = clientAddress
        self.state = state
        self.backendXID = backendXID
        self.transactionStart = transactionStart
        self.queryStart = queryStart
        self.stateChange = stateChange
        self.waitEventType = waitEventType
        self.waitEvent = waitEvent
        self.query = query
        self.backendType = backendType
    }

    /// Whether the session sits in an open transaction without running anything: the
    /// classic cause of a stalled migration.
    public var isIdleInTransaction: Bool {
        state?.hasPrefix("idle in transaction") == true
    }

    /// Whether the backend is an autovacuum worker (VACUUM or ANALYZE of a table).
    public var isAutovacuum: Bool {
        backendType == "autovacuum worker"
    }
}
