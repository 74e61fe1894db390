import OnlineDDLMigrations
import OnlineDDLPostgres
import OnlineDDLRunner

/// `onlineddl apply`'s settings, each optional: those given by flags, or by `onlineddl.toml`'s
/// `[apply]` table. A setting given by neither keeps `RunnerConfiguration`'s default.
public struct ApplySettings: Sendable, Equatable {
    public var lockStrategy: RunnerConfiguration.LockStrategy?
    public var lockTimeout: Duration?
    public var statementTimeout: Duration?
    public var idleInTransactionTimeout: Duration?
    public var parallelWorkers: Int?
    public var predict: Bool?
    public var longTransaction: Duration?
    public var checkInterval: Duration?
    public var retryInitial: Duration?
    public var retryMax: Duration?
    public var maxAttempts: Int?
    public var maxWait: Duration?
    public var waitForRunner: Duration?
    /// `standbys`: connection strings, or names of environment variables that hold them.
    public var standbys: [String]?
    /// `optional_standbys`: the same, for standbys the run goes on without when unreachable.
    public var optionalStandbys: [String]?
    public var maxReplayLag: Duration?

    public init() {}

    /// `configuration` with each setting given here in place of its value. Applying the
    /// file's settings to the defaults, then the flags' to the result, lets flags win.
    public func applied(to configuration: RunnerConfiguration) -> RunnerConfiguration {
        var result = configuration
        result.lockStrategy = lockStrategy ?? result.lockStrategy
        result.lockTimeout = lockTimeout ?? result.lockTimeout
        result.statementTimeout = statementTimeout ?? result.statementTimeout
        result.idleInTransactionTimeout = idleInTransactionTimeout ?? result.idleInTransactionTimeout
        result.parallelWorkers = parallelWorkers ?? result.parallelWorkers
        result.predict = predict ?? result.predict
        result.longTransactionAge = longTransaction ?? result.longTransactionAge
        result.checkInterval = checkInterval ?? result.checkInterval
        result.retry = RetryPolicy(initial: retryInitial ?? result.retry.initial, maximum: retryMax ?? result.retry.maximum)
        result.maxAttempts = maxAttempts ?? result.maxAttempts
        result.maxWait = maxWait ?? result.maxWait
        result.waitForRunner = waitForRunner ?? result.waitForRunner
        result.maxReplayLag = maxReplayLag ?? result.maxReplayLag
        return result
    }

    /// The `[apply]` keys.
    static let keys = [
        "lock_strategy", "lock_timeout", "statement_timeout", "idle_in_transaction_timeout", "parallel_workers", "predict", "long_transaction",
        "check_interval", "retry_initial", "retry_max", "max_attempts", "max_wait", "wait_for_runner", "standbys",
        "optional_standbys", "max_replay_lag",
    ]

    /// Reads an `[apply]` table.
    init(_ table: TOMLDocument) throws(ConfigurationError) {
        try table.rejectUnknownKeys(Self.keys)
        if let strategy = try table.string("lock_strategy") {
            guard let parsed = RunnerConfiguration.LockStrategy(rawValue: strategy) else {
                throw table.error("lock_strategy", "expected \"timeout\" or \"nowait\", found \"\(strategy)\"")
            }
            lockStrategy = parsed
        }
        lockTimeout = try table.duration("lock_timeout")
        statementTimeout = try table.duration("statement_timeout")
        idleInTransactionTimeout = try table.duration("idle_in_transaction_timeout")
        parallelWorkers = try table.int("parallel_workers")
        if let parallelWorkers, !RunnerConfiguration.parallelWorkersRange.contains(parallelWorkers) {
            throw table.error("parallel_workers", "must be from 0 to \(RunnerConfiguration.parallelWorkersRange.upperBound)")
        }
        predict = try table.bool("predict")
        longTransaction = try table.duration("long_transaction")
        checkInterval = try table.duration("check_interval")
        if checkInterval == .zero { throw table.error("check_interval", "must be more than 0") }
        retryInitial = try table.duration("retry_initial")
        retryMax = try table.duration("retry_max")
        maxAttempts = try table.int("max_attempts")
        if let maxAttempts, maxAttempts < 1 { throw table.error("max_attempts", "must be at least 1") }
        maxWait = try table.duration("max_wait")
        waitForRunner = try table.duration("wait_for_runner")
        standbys = try table.strings("standbys")
        optionalStandbys = try table.strings("optional_standbys")
        for key in ["standbys", "optional_standbys"] where try table.strings(key)?.contains(where: \.isEmpty) == true {
            throw table.error(key, "an entry is empty: give a postgresql:// URL or the name of an environment variable that holds one")
        }
        maxReplayLag = try table.duration("max_replay_lag")
    }

    /// The standbys `standbys` and `optional_standbys` name, each entry a connection string
    /// (a `postgresql://` URL or a libpq keyword string) or the name of an environment
    /// variable in `environment` that holds one. `path` names the file in errors.
    public func standbyTargets(environment: [String: String], path: String) throws(ConfigurationError) -> [StandbyTarget] {
        var targets: [StandbyTarget] = []
        for (key, entries, isOptional) in [("standbys", standbys, false), ("optional_standbys", optionalStandbys, true)] {
            for entry in entries ?? [] {
                targets.append(StandbyTarget(
                    try Self.connectionString(entry, environment: environment, path: path, key: key), isOptional: isOptional))
            }
        }
        return targets
    }

    /// `entry` as a connection string: itself when it is one (it has `://` or a keyword's
    /// `=`), else the value of the environment variable it names.
    private static func connectionString(
        _ entry: String, environment: [String: String], path: String, key: String
    ) throws(ConfigurationError) -> ConnectionString {
        if entry.contains("://") || entry.contains("=") { return ConnectionString(entry) }
        guard let value = environment[entry], !value.isEmpty else {
            throw ConfigurationError(
                path: path, key: "apply.\(key)",
                message: "names the environment variable \(entry), which is not set: set it to the standby's postgresql:// URL, or write the URL itself")
        }
        return ConnectionString(value)
    }
}
