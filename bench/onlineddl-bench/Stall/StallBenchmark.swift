import Foundation
import OnlineDDL

/// The stall benchmark: what an `ALTER TABLE … ADD COLUMN` sent while a transaction holds
/// the table does to the application's statements, applied by psql, by `onlineddl apply
/// --no-predict` and by `onlineddl apply`, against a run with no migration.
///
/// Each run uses a fresh table and history table. Writers insert in a loop from one second
/// before the blocker; the blocker inserts one row and stays idle in transaction for
/// `--blocker`; the migration starts half a second into the blocker's life. Latencies count
/// for statements sent from the blocker's start to one second after its commit.
struct StallBenchmark {
    static let schema = "stall_bench"
    static let warmUp: Duration = .seconds(1)
    static let launchDelay: Duration = .milliseconds(500)
    static let tail: Duration = .seconds(1)
    static let migrationTimeout: Duration = .seconds(60)

    let options: StallOptions
    private let clock = ContinuousClock()

    /// Runs the four runs in order and returns the report's lines.
    func run() throws(BenchmarkError) -> [String] {
        let admin = try Bench.connect(options.databaseURL)
        let version = try Bench.database { () throws(PostgresError) in
            try admin.execute("DROP SCHEMA IF EXISTS \(Self.schema) CASCADE; CREATE SCHEMA \(Self.schema)")
            return try admin.query("SHOW server_version").rows[0].decode(0, as: String.self)
        }
        let migrations = FileManager.default.temporaryDirectory.appendingPathComponent("onlineddl-stall-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: migrations) }
        var results: [StallRunResult] = []
        for (index, migrator) in Migrator.allCases.enumerated() {
            results.append(try run(migrator, number: index + 1, admin: admin, migrations: migrations))
        }
        return StallReport(options: options, serverVersion: version, results: results).lines
    }

    /// One run: writers, blocker, and the migration applied by `migrator` during the blocker's
    /// life (onlineddl's migration folders go below `migrations`).
    private func run(_ migrator: Migrator, number: Int, admin: Connection, migrations: URL) throws(BenchmarkError) -> StallRunResult {
        let table = "\(Self.schema).app_\(number)"
        let column = "added_\(number)"
        try Bench.database { () throws(PostgresError) in
            try admin.execute("CREATE TABLE \(table) (id bigserial PRIMARY KEY, writer int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())")
        }
        let writers = try ClientPool.writers(databaseURL: options.databaseURL, table: table, count: options.writers, pause: options.pause)
        Bench.sleep(until: clock.now + Self.warmUp)

        let blocker = try Bench.connect(options.databaseURL)
        let blockerStart = clock.now
        try Bench.database { () throws(PostgresError) in
            try blocker.execute("SET application_name = 'stall-blocker'; BEGIN; INSERT INTO \(table) (writer) VALUES (-1)")
        }
        Bench.sleep(until: blockerStart + Self.launchDelay)
        let migration = try launch(
            migrator, statement: "ALTER TABLE \(table) ADD COLUMN \(column) text", number: number,
            directory: migrations.appendingPathComponent("run_\(number)"))
        Bench.sleep(until: blockerStart + options.blocker)
        let commit = clock.now
        try Bench.database { () throws(PostgresError) in try blocker.execute("COMMIT") }

        var outcome: MigrationProcess.Outcome?
        if let migration {
            guard let finished = migration.wait(timeout: Self.migrationTimeout) else {
                _ = writers.stop()
                throw BenchmarkError("\(migrator.name) did not finish within \(DurationText.human(Self.migrationTimeout))")
            }
            outcome = finished
        }
        Bench.sleep(until: max(commit, outcome?.exitedAt ?? commit) + Self.tail)
        let samples = writers.stop()
        if let outcome {
            try check(outcome, of: migrator, added: column, to: "app_\(number)", admin: admin)
        }
        return StallRunResult(
            migrator: migrator, latency: LatencySummary(samples, sentIn: blockerStart..<(commit + Self.tail)),
            outcome: outcome, blockerCommit: commit)
    }

    /// Starts the migration tool (onlineddl with a migration folder at `directory`); nil for the baseline.
    private func launch(_ migrator: Migrator, statement: String, number: Int, directory: URL) throws(BenchmarkError) -> MigrationProcess? {
        let tool: Bench.Tool
        switch migrator {
        case .none: return nil
        case .psql: tool = .psql(path: options.psql)
        case .onlineddlNoPredict, .onlineddl:
            tool = .onlineddl(
                path: options.onlineddl, historyTable: "\(Self.schema).history_\(number)",
                arguments: migrator == .onlineddlNoPredict ? ["--no-predict"] : [])
        }
        return try Bench.launch(tool, statement: statement, databaseURL: options.databaseURL, directory: directory)
    }

    /// Fails the benchmark unless the migration exited 0 and the column exists.
    private func check(
        _ outcome: MigrationProcess.Outcome, of migrator: Migrator, added column: String, to table: String, admin: Connection
    ) throws(BenchmarkError) {
        guard outcome.status == 0 else {
            throw BenchmarkError("\(migrator.name) exited with status \(outcome.status):\n\(outcome.output)")
        }
        let found = try Bench.hasColumn(column, table: table, schema: Self.schema, on: admin)
        guard found else { throw BenchmarkError("\(migrator.name) exited 0 but \(table).\(column) does not exist") }
    }
}

/// What applies the ALTER TABLE in a run.
enum Migrator: CaseIterable {
    case none, psql, onlineddlNoPredict, onlineddl

    var name: String {
        switch self {
        case .none: "baseline (no migration)"
        case .psql: "psql"
        case .onlineddlNoPredict: "onlineddl apply --no-predict"
        case .onlineddl: "onlineddl apply"
        }
    }
}

/// The measurements of one run.
struct StallRunResult {
    let migrator: Migrator
    let latency: LatencySummary
    /// How the migration process ended; nil for the baseline.
    let outcome: MigrationProcess.Outcome?
    let blockerCommit: ContinuousClock.Instant

    /// From the blocker's COMMIT being sent to the migration process's exit.
    var doneAfterCommit: Duration? { outcome.map { $0.exitedAt - blockerCommit } }
    /// From the blocker's COMMIT being sent to onlineddl's `migration_done` line.
    var eventAfterCommit: Duration? { outcome?.migrationDoneAt.map { $0 - blockerCommit } }
}
