import OnlineDDLLocking
import OnlineDDLMigrations

/// How `onlineddl apply` runs migrations. Every default is documented in `docs/apply.md`.
public struct RunnerConfiguration: Sendable {
    /// How a DDL statement asks for its locks.
    public enum LockStrategy: String, Sendable, CaseIterable {
        /// Send the statement with a short `lock_timeout`: it waits at most that long.
        case timeout
        /// Before each statement of a unit's transaction, `LOCK TABLE … NOWAIT` on the
        /// relations it will lock, so it never waits at all. Statements that cannot run in a
        /// transaction block fall back to `timeout`.
        case nowait
    }

    /// The history table.
    public var historyTable = HistoryTable.defaultTable
    public var lockStrategy = LockStrategy.timeout
    /// `lock_timeout` of every attempt.
    public var lockTimeout: Duration = .seconds(2)
    /// `statement_timeout` of every attempt; zero for none. It is set explicitly, so a
    /// role's own default (often short, for applications) does not cancel a long rewrite.
    public var statementTimeout: Duration = .zero
    /// `idle_in_transaction_session_timeout` of the runner's sessions: if the runner
    /// freezes inside a transaction, the server ends the session and its locks go.
    public var idleInTransactionTimeout: Duration = .seconds(60)
    /// Parallel workers one migration statement may use (`max_parallel_maintenance_workers`
    /// for index builds, `max_parallel_workers_per_gather` for the queries behind
    /// `VALIDATE CONSTRAINT` of a foreign key). Zero keeps each statement on one core, so a
    /// scan of a big table competes with the application for one core, not three.
    public var parallelWorkers = 0
    /// The parallel workers PostgreSQL accepts for either setting.
    public static let parallelWorkersRange = MigrationDirectives.parallelWorkersRange
    /// Whether to check the live lock table before each attempt and each statement.
    public var predict = true
    /// A blocking transaction at least this old is long: the runner waits for it instead of
    /// queueing behind it.
    public var longTransactionAge: Duration = .seconds(1)
    /// How often the prediction gate looks again while it waits.
    public var checkInterval: Duration = .milliseconds(50)
    /// Exponential backoff with full jitter between failed attempts.
    public var retry = RetryPolicy()
    /// Attempts per unit (the whole file, a `BEGIN … COMMIT` block, or one statement).
    public var maxAttempts = 10
    /// The most time the whole run may spend waiting for locks (gate waits, lock timeouts
    /// and backoff), after which it gives up with exit code 3.
    public var maxWait: Duration = .seconds(600)
    /// How long to wait for another runner holding the run lock; zero to fail at once.
    public var waitForRunner: Duration = .zero
    /// How the gate's reports show blocking sessions' queries.
    public var queryTexts = QueryTextPolicy.shown
    /// Apply even though applied files changed since (their new checksums are recorded).
    public var allowChangedChecksums = false
    /// Hot standbys whose readers the gate protects (`--standby`): before a statement that
    /// takes ACCESS EXCLUSIVE on a relation, the runner waits while a standby's startup
    /// process would queue behind a long reader there (and every later reader behind it),
    /// and after committing one it waits for each standby to replay the commit.
    public var standbys: [StandbyTarget] = []
    /// The most replay lag a standby may have when an ACCESS EXCLUSIVE statement is sent
    /// (`--max-replay-lag`; zero for no limit). PostgreSQL's default
    /// `max_standby_streaming_delay`: a standby further behind cancels its readers at once.
    public var maxReplayLag: Duration = .seconds(30)
    /// The `application_name` of every session the runner opens.
    public static let applicationName = "onlineddl"

    public init() {}
}
