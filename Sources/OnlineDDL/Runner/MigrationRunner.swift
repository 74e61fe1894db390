import OnlineDDLAnalysis
import OnlineDDLCatalog
import OnlineDDLLocking
import OnlineDDLMigrations
import OnlineDDLPostgres

/// Applies pending migrations without ever queueing behind a long transaction.
///
/// One control session holds the run lock (so one runner works at a time), reads the
/// history and takes live lock snapshots for the prediction gate. Migrations run on a
/// session of their own with short timeouts, reset between files. Each file runs unit by unit
/// (``ExecutionPlan``): the whole file in one transaction, or its `BEGIN … COMMIT` blocks and
/// the statements outside them one after another; each unit commits with its history row's
/// progress, the statements applied. Lock failures (55P03, 40P01, 40001) are retried
/// with backoff; any other error stops the run at the statement's `file:line:column`.
public final class MigrationRunner {
    let configuration: RunnerConfiguration
    let sessions: RunnerSession
    let cancellation: RunCancellation
    let emit: (RunEvent) -> Void
    let clock = ContinuousClock()
    var random = SystemRandomNumberGenerator()
    /// Time spent waiting for locks in this run: the `--max-wait` budget.
    var lockWait: Duration = .zero
    /// The session of the last migration that ran to its end, for the next one to reuse.
    var finishedSession: MigrationSession?
    /// The catalog the last migration was resolved through, lending the next read its
    /// system relations.
    var lastCatalog: CatalogSnapshot?
    /// Sessions on the standbys the gate checks (``RunnerConfiguration/standbys``).
    var standbyLinks: [StandbyLink] = []
    /// The primary's database OID, for the standbys' lock tables.
    var databaseID: UInt32 = 0
    /// What every standby must have replayed before the next ACCESS EXCLUSIVE statement:
    /// the primary's WAL insert position after the last one committed.
    var replayTarget: WALPosition?

    /// A runner for the database at `connectionString`; events go to `emit` as they happen.
    public init(
        connectionString: ConnectionString, configuration: RunnerConfiguration,
        cancellation: RunCancellation = RunCancellation(), emit: @escaping (RunEvent) -> Void
    ) {
        self.configuration = configuration
        self.sessions = RunnerSession(connectionString: connectionString, configuration: configuration)
        self.cancellation = cancellation
        self.emit = emit
    }

    /// Applies every pending migration of `migrations` (already prepared, in order) and
    /// reports a summary event. Throws on the first failure, after the summary.
    @discardableResult
    public func run(_ migrations: [PreparedMigration]) throws(RunFailure) -> RunSummary {
        let started = clock.now
        var applied: [String] = []
        var pending = migrations
        // No session outlives the run.
        defer {
            finishedSession = nil
            lastCatalog = nil
            standbyLinks = []
            replayTarget = nil
        }
        do {
            let control = try openControl()
            try acquireRunLock(on: control)
            defer { try? RunnerLock(historyTable: configuration.historyTable).release(on: control) }
            try connectStandbys(control: control)
            try createHistoryTable(on: control)
            // Read once: under the run lock only this runner writes the history, and each
            // migration's row changes only while that migration runs.
            let records = try database { () throws(PostgresError) in try configuration.historyTable.records(on: control) }
            pending = try pendingMigrations(migrations, records: records, on: control)
            let analyzer = StatementAnalyzer(postgresMajorVersion: control.serverVersion / 10000)
            while let migration = pending.first {
                try apply(migration, record: records[migration.file.canonicalVersion], analyzer: analyzer, control: control)
                applied.append(migration.file.version)
                pending.removeFirst()
            }
        } catch {
            let summary = makeSummary(error.outcome, applied: applied, pending: pending, started: started, message: error.description)
            emit(.summary(summary))
            throw error
        }
        let summary = makeSummary(.ok, applied: applied, pending: [], started: started, message: nil)
        emit(.summary(summary))
        return summary
    }

    /// Runs database work outside a migration statement, failing the run with its error.
    func database<T>(_ body: () throws(PostgresError) -> T) throws(RunFailure) -> T {
        do {
            return try body()
        } catch {
            throw .database(error)
        }
    }

    private func makeSummary(
        _ outcome: RunSummary.Outcome, applied: [String], pending: [PreparedMigration], started: ContinuousClock.Instant,
        message: String?
    ) -> RunSummary {
        RunSummary(
            outcome: outcome, applied: applied, pending: pending.map(\.file.version),
            durationMilliseconds: (clock.now - started).wholeMilliseconds, lockWaitMilliseconds: lockWait.wholeMilliseconds,
            message: message)
    }

    private func openControl() throws(RunFailure) -> Connection {
        do {
            return try sessions.openControl()
        } catch where error.isConnectionError {
            throw .cannotConnect(error)
        } catch {
            throw .database(error)
        }
    }

    /// Creates the history table when missing; a refusal names the table and what it needs.
    private func createHistoryTable(on control: Connection) throws(RunFailure) {
        do {
            try configuration.historyTable.create(on: control)
        } catch where error.isConnectionError {
            throw .database(error)
        } catch {
            throw .historyUnavailable(configuration.historyTable, error)
        }
    }

    /// Takes the run lock, waiting up to `--wait-for-runner` for another runner to finish.
    private func acquireRunLock(on control: Connection) throws(RunFailure) {
        let lock = RunnerLock(historyTable: configuration.historyTable)
        let started = clock.now
        var announced = false
        while true {
            do {
                if try lock.tryAcquire(on: control) { return }
                let holder = try lock.holder(on: control)
                let waited = clock.now - started
                guard waited < configuration.waitForRunner else {
                    throw RunFailure.runnerBusy(holder, waited: configuration.waitForRunner == .zero ? .zero : waited)
                }
                if !announced {
                    emit(.runnerWaiting(.init(holder: holder?.description ?? "unknown", waitedSeconds: waited.seconds)))
                    announced = true
                }
            } catch let error as PostgresError {
                throw .database(error)
            } catch let error as RunFailure {
                throw error
            } catch {
                preconditionFailure("unexpected error \(error)")
            }
            cancellation.sleep(.milliseconds(200))
            if let signal = cancellation.signal { throw .interrupted(signal: signal) }
        }
    }

    /// The migrations not completely applied, after refusing changed checksums (or
    /// recording the new ones with `--allow-changed`).
    private func pendingMigrations(
        _ migrations: [PreparedMigration], records: [String: HistoryRecord], on control: Connection
    ) throws(RunFailure) -> [PreparedMigration] {
        let changed = MigrationStatus.changed(migrations, records: records)
        if !changed.isEmpty {
            guard configuration.allowChangedChecksums else { throw .checksumsChanged(changed) }
            for change in changed {
                try database { () throws(PostgresError) in
                    try configuration.historyTable.updateChecksum(version: change.version, to: change.current, on: control)
                }
            }
        }
        return migrations.filter { records[$0.file.canonicalVersion]?.isComplete != true }
    }
}

extension RunFailure {
    /// The summary's outcome for this failure.
    var outcome: RunSummary.Outcome {
        switch self {
        case .gaveUp, .runnerBusy: .gaveUp
        case .interrupted: .interrupted
        case .statementFailed, .cannotRun, .checksumsChanged, .cannotConnect, .historyUnavailable, .standbyUnavailable, .database: .failed
        }
    }
}
