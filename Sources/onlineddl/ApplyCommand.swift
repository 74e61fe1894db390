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

            Durations are written 250ms, 5s, 2m, 1h (0 for none). Defaults can be set for a \
            project in onlineddl.toml (docs/configuration.md); flags override them.

            Exit codes: 0 applied (or nothing pending); 1 a migration or database error; 2 \
            usage or input error (bad file, syntax error, changed applied file); 3 gave up \
            waiting for locks or for another runner; 130/143 interrupted by SIGINT/SIGTERM \
            (the statement in flight is cancelled and rolled back).
            """
    )

    enum LockStrategyArgument: String, ExpressibleByArgument, CaseIterable {
        case timeout, nowait
    }

    @OptionGroup var folder: MigrationFolderOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var history: HistoryTableOption
    @OptionGroup var queries: RedactQueriesOption
    @OptionGroup var standbys: StandbyOptions

    @Option(help: "Output: text progress, or JSON Lines events for pipelines.")
    var format: OutputFormat = .text

    /// The built-in defaults, shown in the help.
    private static let defaults = RunnerConfiguration()

    /// `text` with the built-in default `value` after it.
    private static func defaulted(_ text: String, _ value: Duration) -> ArgumentHelp {
        ArgumentHelp("\(text) (default: \(DurationText.format(value)))")
    }

    @Option(help: "timeout: send with a short lock_timeout. nowait: LOCK TABLE … NOWAIT first (transactional files). (default: \(defaults.lockStrategy.rawValue))")
    var lockStrategy: LockStrategyArgument?

    @Option(help: defaulted("lock_timeout of every attempt.", defaults.lockTimeout))
    var lockTimeout: DurationArgument?

    @Option(help: defaulted("statement_timeout of every attempt (0: none).", defaults.statementTimeout))
    var statementTimeout: DurationArgument?

    @Option(help: defaulted("idle_in_transaction_session_timeout of the runner's sessions.", defaults.idleInTransactionTimeout))
    var idleInTransactionTimeout: DurationArgument?

    @Option(help: "Parallel workers a statement may use (index builds, foreign key validation); 0 leaves the other cores to the application. (default: \(defaults.parallelWorkers))")
    var parallelWorkers: Int?

    @Flag(inversion: .prefixedNo, help: "Check the live lock table before sending each statement (default: on); --no-predict relies on lock_timeout and retries alone.")
    var predict: Bool?

    @Option(help: defaulted("A blocking transaction at least this old is long: wait for it rather than queue behind it.", defaults.longTransactionAge))
    var longTransaction: DurationArgument?

    @Option(help: defaulted("How often the gate looks again while it waits.", defaults.checkInterval))
    var checkInterval: DurationArgument?

    @Option(help: defaulted("Backoff ceiling before the first retry (doubles each retry, full jitter).", defaults.retry.initial))
    var retryInitial: DurationArgument?

    @Option(help: defaulted("Largest backoff ceiling.", defaults.retry.maximum))
    var retryMax: DurationArgument?

    @Option(help: "Attempts per transactional file or per statement. (default: \(defaults.maxAttempts))")
    var maxAttempts: Int?

    @Option(help: defaulted("Most time the whole run may wait for locks; then exit 3.", defaults.maxWait))
    var maxWait: DurationArgument?

    @Option(help: defaulted("Wait this long for another runner to finish (0: fail at once).", defaults.waitForRunner))
    var waitForRunner: DurationArgument?

    @Flag(name: .shortAndLong, help: "Print only errors and the final summary.")
    var quiet = false

    @Flag(name: .customLong("allow-changed"), help: "Apply even though applied files changed; record their new checksums.")
    var allowChanged = false

    func validate() throws {
        if quiet && connection.verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
        if let maxAttempts, maxAttempts < 1 { throw ValidationError("--max-attempts must be at least 1") }
        if let parallelWorkers, !RunnerConfiguration.parallelWorkersRange.contains(parallelWorkers) {
            throw ValidationError("--parallel-workers must be from 0 to \(RunnerConfiguration.parallelWorkersRange.upperBound)")
        }
        if let checkInterval, checkInterval.duration <= .zero { throw ValidationError("--check-interval must be more than 0") }
        if let lockTimeout, lockTimeout.duration <= .zero {
            throw ValidationError("--lock-timeout 0 would let a statement wait forever in the lock queue; give a duration such as 2s")
        }
    }

    func run() throws {
        let project = try folder.projectConfiguration(verbose: connection.verbose)
        let configuration = try runnerConfiguration(project)
        let prepared = try folder.prepared(project, verbose: connection.verbose)
        let reporter = ApplyReporter(
            format: format, verbosity: quiet ? .quiet : connection.verbose ? .verbose : .normal)
        let cancellation = RunCancellation()
        let signals = SignalForwarder(cancellation: cancellation)
        defer { withExtendedLifetime(signals) {} }
        let target = connection.connectionString(project)
        Console.verbose("applying \(prepared.count) file(s) from \(folder.directory) to \(target.redacted)", enabled: connection.verbose)
        for standby in configuration.standbys {
            Console.verbose("checking standby \(standby.name)\(standby.isOptional ? " (optional)" : "")", enabled: connection.verbose)
        }
        let runner = MigrationRunner(connectionString: target, configuration: configuration, cancellation: cancellation, emit: reporter.report)
        do {
            try runner.run(prepared)
        } catch {
            throw CommandFailure(message: error.description, exitStatus: ExitStatus(error))
        }
    }

    /// The flags given on the command line.
    private var flags: ApplySettings {
        var flags = ApplySettings()
        flags.lockStrategy = lockStrategy.map { $0 == .nowait ? .nowait : .timeout }
        flags.lockTimeout = lockTimeout?.duration
        flags.statementTimeout = statementTimeout?.duration
        flags.idleInTransactionTimeout = idleInTransactionTimeout?.duration
        flags.parallelWorkers = parallelWorkers
        flags.predict = predict
        flags.longTransaction = longTransaction?.duration
        flags.checkInterval = checkInterval?.duration
        flags.retryInitial = retryInitial?.duration
        flags.retryMax = retryMax?.duration
        flags.maxAttempts = maxAttempts
        flags.maxWait = maxWait?.duration
        flags.waitForRunner = waitForRunner?.duration
        flags.maxReplayLag = standbys.maxReplayLag?.duration
        return flags
    }

    /// Each setting from its flag, else from the project's `[apply]`, else the default.
    private func runnerConfiguration(_ project: ProjectConfiguration) throws -> RunnerConfiguration {
        var configuration = flags.applied(to: project.apply.applied(to: RunnerConfiguration()))
        configuration.historyTable = try history.table(project)
        configuration.allowChangedChecksums = allowChanged
        configuration.queryTexts = queries.policy
        configuration.standbys = try standbys.targets(project)
        guard configuration.lockTimeout > .zero else {
            throw CommandFailure.usage(
                "lock_timeout 0 would let a statement wait forever in the lock queue; set [apply] lock_timeout in \(project.path ?? "onlineddl.toml") to a duration such as \"2s\"")
        }
        let retry = configuration.retry
        guard retry.initial <= retry.maximum else {
            let source = project.path.map { " (flags, or [apply] in \($0))" } ?? ""
            throw CommandFailure.usage(
                "--retry-initial \(DurationText.format(retry.initial)) must not exceed --retry-max \(DurationText.format(retry.maximum))\(source)")
        }
        return configuration
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
