import OnlineDDLMigrations
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
        return result
    }

    /// The `[apply]` keys.
    static let keys = [
        "lock_strategy", "lock_timeout", "statement_timeout", "idle_in_transaction_timeout", "parallel_workers", "predict", "long_transaction",
        "check_interval", "retry_initial", "retry_max", "max_attempts", "max_wait", "wait_for_runner",
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
    }
}
