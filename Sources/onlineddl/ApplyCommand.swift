import ArgumentParser
import Dispatch
import Foundation
import OnlineDDL

/// `onlineddl apply`: the deploy step.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply pending migrations without ever queueing behind a long transaction.",
        discussion: """
            Each file runs in one transaction (its history row commits with it), or statement \
            by statement when a statement cannot run in a transaction block or the file says \
            -- onlineddl:no-transaction. Before each attempt and each lock-taking statement the \
            prediction gate replays the live lock table: if the statement would queue behind a \
            long transaction it is not sent; onlineddl reports the blocker and waits. Lock \
            failures (55P03, 40P01, 40001) are retried with exponential backoff and full jitter.

            Durations are written 250ms, 5s, 2m, 1h (0 for none).

            Exit codes: 0 applied (or nothing pending); 1 a migration or database error; 2 \
            usage or input error (bad file, syntax error, changed applied file); 3 gave up \
            waiting for locks or for another runner; 130/143 interrupted by SIGINT/SIGTERM \
            (the statement in flight is cancelled and rolled back).
            """
    )

    enum LockStrategyArgument: String, ExpressibleByArgument, CaseIterable {
        case timeout, nowait
    }

    @Argument(help: ArgumentHelp("The folder of VERSION_name.sql migration files.", valueName: "dir"))
    var directory: String

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var history: HistoryTableOption
    @OptionGroup var queries: RedactQueriesOption

    @Option(help: "Output: text progress, or JSON Lines events for pipelines.")
    var format: OutputFormat = .text

    @Option(name: .customLong("lock-strategy"), help: "timeout: send with a short lock_timeout. nowait: LOCK TABLE … NOWAIT first (transactional files).")
    var lockStrategy: LockStrategyArgument = .timeout

    @Option(name: .customLong("lock-timeout"), help: "lock_timeout of every attempt.")
    var lockTimeout = DurationArgument(RunnerConfiguration().lockTimeout)

    @Option(name: .customLong("statement-timeout"), help: "statement_timeout of every attempt (0: none).")
    var statementTimeout = DurationArgument(RunnerConfiguration().statementTimeout)

    @Option(name: .customLong("idle-in-transaction-timeout"), help: "idle_in_transaction_session_timeout of the runner's sessions.")
    var idleInTransactionTimeout = DurationArgument(RunnerConfiguration().idleInTransactionTimeout)

    @Flag(name: .customLong("no-predict"), help: "Turn the prediction gate off: rely on lock_timeout and retries alone.")
    var noPredict = false

    @Option(name: .customLong("long-transaction"), help: "A blocking transaction at least this old is long: wait for it rather than queue behind it.")
    var longTransaction = DurationArgument(RunnerConfiguration().longTransactionAge)

    @Option(name: .customLong("check-interval"), help: "How often the gate looks again while it waits.")
    var checkInterval = DurationArgument(RunnerConfiguration().checkInterval)

    @Option(name: .customLong("retry-initial"), help: "Backoff ceiling before the first retry (doubles each retry, full jitter).")
    var retryInitial = DurationArgument(RetryPolicy().initial)

    @Option(name: .customLong("retry-max"), help: "Largest backoff ceiling.")
    var retryMax = DurationArgument(RetryPolicy().maximum)

    @Option(name: .customLong("max-attempts"), help: "Attempts per transactional file or per statement.")
    var maxAttempts = RunnerConfiguration().maxAttempts

    @Option(name: .customLong("max-wait"), help: "Most time the whole run may wait for locks; then exit 3.")
    var maxWait = DurationArgument(RunnerConfiguration().maxWait)

    @Option(name: .customLong("wait-for-runner"), help: "Wait this long for another runner to finish (0: fail at once).")
    var waitForRunner = DurationArgument(RunnerConfiguration().waitForRunner)

    @Flag(name: .customLong("allow-changed"), help: "Apply even though applied files changed; record their new checksums.")
    var allowChanged = false

    func validate() throws {
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard checkInterval.duration > .zero else { throw ValidationError("--check-interval must be more than 0") }
        guard retryInitial.duration <= retryMax.duration else {
            throw ValidationError("--retry-initial (\(retryInitial)) must not exceed --retry-max (\(retryMax))")
        }
    }

    func run() throws {
        let files = try MigrationInput.load(directory)
        let prepared: [PreparedMigration]
        switch PreparedMigration.prepareAll(files) {
        case .success(let migrations): prepared = migrations
        case .failure(let error): throw CommandFailure.usage(error.description)
        }
        let reporter = ApplyReporter(format: format)
        let cancellation = RunCancellation()
        let signals = SignalForwarder(cancellation: cancellation)
        defer { withExtendedLifetime(signals) {} }
        Console.verbose("applying \(prepared.count) file(s) from \(directory) to \(connection.connectionString.redacted)", enabled: connection.verbose)
        let runner = MigrationRunner(
            connectionString: connection.connectionString, configuration: try runnerConfiguration(),
            cancellation: cancellation, emit: reporter.report)
        do {
            try runner.run(prepared)
        } catch {
            throw CommandFailure(message: error.description, exitCode: Self.exitCode(for: error))
        }
    }

    private func runnerConfiguration() throws -> RunnerConfiguration {
        var configuration = RunnerConfiguration()
        configuration.historyTable = try history.table
        configuration.lockStrategy = lockStrategy == .nowait ? .nowait : .timeout
        configuration.lockTimeout = lockTimeout.duration
        configuration.statementTimeout = statementTimeout.duration
        configuration.idleInTransactionTimeout = idleInTransactionTimeout.duration
        configuration.predict = !noPredict
        configuration.longTransactionAge = longTransaction.duration
        configuration.checkInterval = checkInterval.duration
        configuration.retry = RetryPolicy(initial: retryInitial.duration, maximum: retryMax.duration)
        configuration.maxAttempts = maxAttempts
        configuration.maxWait = maxWait.duration
        configuration.waitForRunner = waitForRunner.duration
        configuration.allowChangedChecksums = allowChanged
        configuration.queryTexts = queries.policy
        return configuration
    }

    /// The documented exit code of each way a run can stop.
    static func exitCode(for failure: RunFailure) -> Int32 {
        switch failure {
        case .statementFailed, .cannotConnect, .historyUnavailable, .database: CommandFailure.databaseExitCode
        case .checksumsChanged: CommandFailure.usageExitCode
        case .gaveUp, .runnerBusy: CommandFailure.gaveUpExitCode
        case .interrupted(let signal): 128 + signal
        }
    }
}

/// Turns SIGINT and SIGTERM into a cancellation of the run, for as long as it lives.
final class SignalForwarder {
    private let sources: [DispatchSourceSignal]

    init(cancellation: RunCancellation) {
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { cancellation.trigger(signal: number) }
            source.resume()
            return source
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
    }
}
