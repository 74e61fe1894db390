import Foundation
import OnlineDDL

/// The standby stall benchmark: what an `ALTER TABLE … ADD COLUMN` does to the readers of
/// a hot standby while a report there holds the table, applied by psql, by `onlineddl
/// apply` and by `onlineddl apply --standby`, against a run with no migration.
///
/// Each run uses a fresh table of 1000 rows, replayed on the standby before it starts.
/// Readers count its rows on the standby in a loop from one second before the report; the
/// report counts them once in a transaction and stays idle in it for `--report`; the
/// migration starts half a second into the report's life. Latencies count for statements
/// sent from the report's start to one second after its commit (or the migration's end).
struct StandbyStallBenchmark {
    static let schema = "standby_stall_bench"
    static let warmUp: Duration = .seconds(1)
    static let launchDelay: Duration = .milliseconds(500)
    static let tail: Duration = .seconds(1)
    static let migrationTimeout: Duration = .seconds(60)

    let options: StandbyStallOptions
    private let clock = ContinuousClock()

    /// Runs the four runs in order and returns the report's lines.
    func run() throws(BenchmarkError) -> [String] {
        let admin = try Bench.connect(options.databaseURL)
        let standby = try Bench.connect(options.standbyURL)
        let version = try Bench.database { () throws(PostgresError) in
            try admin.execute("DROP SCHEMA IF EXISTS \(Self.schema) CASCADE; CREATE SCHEMA \(Self.schema)")
            return try admin.query("SHOW server_version").rows[0].decode(0, as: String.self)
        }
        let migrations = FileManager.default.temporaryDirectory.appendingPathComponent("onlineddl-standby-stall-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: migrations) }
        var results: [StandbyStallRunResult] = []
        for (index, migrator) in StandbyMigrator.allCases.enumerated() {
            results.append(try run(migrator, number: index + 1, admin: admin, standby: standby, migrations: migrations))
        }
        return StandbyStallReport(options: options, serverVersion: version, results: results).lines
    }

    /// One run: readers on the standby, the report there, and the migration applied on the
    /// primary by `migrator` during the report's life.
    private func run(
        _ migrator: StandbyMigrator, number: Int, admin: Connection, standby: Connection, migrations: URL
    ) throws(BenchmarkError) -> StandbyStallRunResult {
        let table = "\(Self.schema).t_\(number)"
        let column = "added_\(number)"
        try Bench.database { () throws(PostgresError) in
            try admin.execute("CREATE TABLE \(table) (id int); INSERT INTO \(table) SELECT generate_series(1, 1000)")
        }
        try catchUp(standby, with: admin)
        let cancellationsBefore = try cancellations(on: standby)
        let readers = try ClientPool.readers(databaseURL: options.standbyURL, table: table, count: options.readers, pause: options.pause)
        Bench.sleep(until: clock.now + Self.warmUp)

        let report = try Bench.connect(options.standbyURL)
        let reportStart = clock.now
        try Bench.database { () throws(PostgresError) in
            try report.execute("SET application_name = 'standby-report'; BEGIN; SELECT count(*) FROM \(table)")
        }
        Bench.sleep(until: reportStart + Self.launchDelay)
        let migration = try launch(
            migrator, statement: "ALTER TABLE \(table) ADD COLUMN \(column) text", number: number,
            directory: migrations.appendingPathComponent("run_\(number)"))
        Bench.sleep(until: reportStart + options.report)
        let commit = clock.now
        let reportError: String?
        do {
            try report.execute("COMMIT")
            reportError = nil
        } catch {
            reportError = error.description
        }

        var outcome: MigrationProcess.Outcome?
        if let migration {
            guard let finished = migration.wait(timeout: Self.migrationTimeout) else {
                _ = readers.stop()
                throw BenchmarkError("\(migrator.name) did not finish within \(DurationText.human(Self.migrationTimeout))")
            }
            guard finished.status == 0 else {
                _ = readers.stop()
                throw BenchmarkError("\(migrator.name) exited with status \(finished.status):\n\(finished.output)")
            }
            outcome = finished
        }
        var replicatedAt: ContinuousClock.Instant?
        if outcome != nil {
            try waitFor(column, of: "t_\(number)", on: standby)
            replicatedAt = clock.now
        }
        Bench.sleep(until: max(commit, outcome?.exitedAt ?? commit) + Self.tail)
        let samples = readers.stop()
        return StandbyStallRunResult(
            migrator: migrator, latency: LatencySummary(samples, sentIn: reportStart..<(commit + Self.tail)),
            outcome: outcome, reportCommit: commit, reportError: reportError, replicatedAt: replicatedAt,
            cancellations: try cancellations(on: standby) - cancellationsBefore)
    }

    /// Starts the migration tool; nil for the baseline.
    private func launch(
        _ migrator: StandbyMigrator, statement: String, number: Int, directory: URL
    ) throws(BenchmarkError) -> MigrationProcess? {
        let tool: Bench.Tool
        switch migrator {
        case .none: return nil
        case .psql: tool = .psql(path: options.psql)
        case .onlineddl, .onlineddlStandby:
            tool = .onlineddl(
                path: options.onlineddl, historyTable: "\(Self.schema).history_\(number)",
                arguments: migrator == .onlineddlStandby ? ["--standby", options.standbyURL] : [])
        }
        return try Bench.launch(tool, statement: statement, databaseURL: options.databaseURL, directory: directory)
    }

    /// Waits until the standby has replayed what the primary wrote so far.
    private func catchUp(_ standby: Connection, with primary: Connection) throws(BenchmarkError) {
        let target = try Bench.database { () throws(PostgresError) in
            try primary.query("SELECT pg_current_wal_insert_lsn()::text").rows[0].decode(0, as: String.self)
        }
        try poll("the standby to replay \(target)") { () throws(BenchmarkError) in
            try Bench.database { () throws(PostgresError) in
                try standby.query("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", [target]).rows[0].decode(0, as: Bool.self)
            }
        }
    }

    /// Waits until the standby's `table` has `column`.
    private func waitFor(_ column: String, of table: String, on standby: Connection) throws(BenchmarkError) {
        try poll("\(table).\(column) on the standby") { () throws(BenchmarkError) in
            try Bench.hasColumn(column, table: table, schema: Self.schema, on: standby)
        }
    }

    /// Queries the standby cancelled for holding a relation lock replay waited for.
    private func cancellations(on standby: Connection) throws(BenchmarkError) -> Int {
        try Bench.database { () throws(PostgresError) in
            try standby.query("SELECT confl_lock FROM pg_stat_database_conflicts WHERE datname = current_database()")
                .rows[0].decode(0, as: Int.self)
        }
    }

    private func poll(_ what: String, _ condition: () throws(BenchmarkError) -> Bool) throws(BenchmarkError) {
        let deadline = clock.now + Self.migrationTimeout
        while clock.now < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.005)
        }
        throw BenchmarkError("gave up waiting for \(what)")
    }
}

/// What applies the ALTER TABLE in a run.
enum StandbyMigrator: CaseIterable {
    case none, psql, onlineddl, onlineddlStandby

    var name: String {
        switch self {
        case .none: "baseline (no migration)"
        case .psql: "psql"
        case .onlineddl: "onlineddl apply"
        case .onlineddlStandby: "onlineddl apply --standby"
        }
    }
}

/// The measurements of one run.
struct StandbyStallRunResult {
    let migrator: StandbyMigrator
    /// The standby readers' statements.
    let latency: LatencySummary
    /// How the migration process ended; nil for the baseline.
    let outcome: MigrationProcess.Outcome?
    let reportCommit: ContinuousClock.Instant
    /// The report's COMMIT error, if the standby cancelled it.
    let reportError: String?
    /// When the new column was seen on the standby.
    let replicatedAt: ContinuousClock.Instant?
    /// `pg_stat_database_conflicts.confl_lock` during the run.
    let cancellations: Int

    /// From the report's COMMIT being sent to the migration process's exit (negative: before).
    var doneAfterCommit: Duration? { outcome.map { $0.exitedAt - reportCommit } }
    /// From the report's COMMIT being sent to the column being seen on the standby.
    var replicatedAfterCommit: Duration? { replicatedAt.map { $0 - reportCommit } }
}
