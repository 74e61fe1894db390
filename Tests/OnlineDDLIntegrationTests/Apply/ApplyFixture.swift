import Foundation
import OnlineDDL
import Testing

/// A migration folder in a temp directory, a table of its own and a history table of its
/// own, so apply tests do not see each other's state. `{t}` in a migration's text stands
/// for the fixture's table name.
final class ApplyFixture {
    let folder: String
    let table: String
    let history: HistoryTable
    private(set) var observer: Connection

    init(_ files: [String: String] = [:], prefix: String = "apply") throws {
        table = TestDatabase.uniqueName(prefix)
        history = HistoryTable(schema: "onlineddl", name: TestDatabase.uniqueName("history"))
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("apply-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        observer = try TestDatabase.connect()
        for (name, text) in files { try write(name, text) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
        _ = try? observer.execute("DROP TABLE IF EXISTS \(table) CASCADE; DROP TABLE IF EXISTS \(history.description)")
    }

    /// Writes (or rewrites) a migration file, its folders created, replacing `{t}` with the
    /// table name.
    func write(_ name: String, _ text: String) throws {
        let body = text.replacingOccurrences(of: "{t}", with: table)
        let file = URL(fileURLWithPath: folder).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(body.utf8).write(to: file)
    }

    /// A new observer connection, after the server restarted.
    func reconnect() throws {
        observer = try TestDatabase.connect()
    }

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// The folder's migrations, prepared as apply prepares them.
    func prepared() throws -> [PreparedMigration] {
        try PreparedMigration.prepareAll(MigrationDirectory(path: folder).files).get()
    }

    /// A configuration with this fixture's history table and quick retries.
    func configuration(_ change: (inout RunnerConfiguration) -> Void = { _ in }) -> RunnerConfiguration {
        var configuration = RunnerConfiguration()
        configuration.historyTable = history
        configuration.retry = RetryPolicy(initial: .milliseconds(50), maximum: .milliseconds(200))
        configuration.maxWait = .seconds(30)
        change(&configuration)
        return configuration
    }

    /// The history rows, by canonical version.
    func records() throws -> [String: HistoryRecord] {
        try history.records(on: observer)
    }

    /// `onlineddl apply` on the fixture's folder and history table, with more arguments.
    func applyCLI(_ arguments: [String] = []) throws -> CLI.Output {
        try CLI.run(["apply", folder, "--database-url", TestDatabase.url(), "--history-table", history.description] + arguments)
    }

    /// Sessions named onlineddl still connected after giving the server up to `seconds` to
    /// notice dead clients.
    func lingeringSessions(within seconds: Double = 10) throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var count = 0
        repeat {
            count = try observer.query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'onlineddl'"
            ).rows[0].decode("n", as: Int.self)
            if count == 0 { return 0 }
            usleep(20_000)
        } while Date() < deadline
        return count
    }

    /// Waits until a session that just went idle in its transaction counts as forgotten:
    /// idle for longer than the gate's grace for a session between two statements.
    static func letIdleSessionBeForgotten() {
        usleep(UInt32(GateAssessment.defaultIdleGrace * 2_000_000))
    }

    /// The columns of the fixture's table, or of `other`.
    func columns(of other: String? = nil) throws -> [String] {
        try observer.query(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            [other ?? table]
        ).rows.map { try $0.decode("attname") }
    }
}

/// A runner working on its own thread, recording every event with the time it came.
final class BackgroundRun: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(at: ContinuousClock.Instant, event: RunEvent)] = []
    private var outcome: Result<RunSummary, RunFailure>?
    private let done = DispatchSemaphore(value: 0)
    let cancellation = RunCancellation()

    init(_ migrations: [PreparedMigration], configuration: RunnerConfiguration) throws {
        let url = try TestDatabase.url()
        Thread.detachNewThread { [self] in
            let runner = MigrationRunner(
                connectionString: ConnectionString(url), configuration: configuration, cancellation: cancellation
            ) { event in
                self.lock.withLock { self.recorded.append((ContinuousClock.now, event)) }
            }
            let result = Result { () throws(RunFailure) in try runner.run(migrations) }
            lock.withLock { outcome = result }
            done.signal()
        }
    }

    /// Waits for the run to end and returns how it ended.
    func wait(seconds: Int = 60) throws -> Result<RunSummary, RunFailure> {
        guard done.wait(timeout: .now() + .seconds(seconds)) == .success else {
            throw SessionWorker.TimedOut(what: "the apply run")
        }
        return lock.withLock { outcome! }
    }

    var events: [(at: ContinuousClock.Instant, event: RunEvent)] { lock.withLock { recorded } }

    /// Polls until an event matches, or fails after `seconds`.
    func waitFor(seconds: Double = 30, _ matches: (RunEvent) -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if events.contains(where: { matches($0.event) }) { return }
            usleep(5_000)
        }
        throw SessionWorker.TimedOut(what: "an apply event")
    }
}

extension RunEvent {
    var isWaiting: Bool { if case .waiting = self { true } else { false } }
    var isMigrationDone: Bool { if case .migrationDone = self { true } else { false } }
    var attemptFailure: AttemptFailed? { if case .attemptFailed(let failure) = self { failure } else { nil } }
}
