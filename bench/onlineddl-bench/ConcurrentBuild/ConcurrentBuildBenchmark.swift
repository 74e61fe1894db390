import Foundation
import OnlineDDL

/// The concurrent build benchmark: `CREATE INDEX CONCURRENTLY` on a large table while one
/// REPEATABLE READ transaction on an *unrelated* table holds an old snapshot, applied by
/// psql, by an earlier onlineddl (when given), by `onlineddl apply --no-predict` and by
/// `onlineddl apply`, after a reference build by psql with nothing in the way.
///
/// PostgreSQL's concurrent build scans and sorts the table, validates, and only then waits
/// for every transaction whose snapshot is older than its own (`WaitForOlderSnapshots` in
/// `DefineIndex`). A tool that cuts that wait with `lock_timeout` throws the finished build
/// away (the index stays INVALID and must be dropped) and builds again on its next attempt.
///
/// Each run counts the builds it started (distinct indexes seen in the phase "building
/// index" of `pg_stat_progress_create_index`), the time spent building and waiting inside
/// the build, how long a client held SHARE UPDATE EXCLUSIVE on the table (which keeps
/// VACUUM, ANALYZE and other DDL of the table waiting), the time to done, and the time to
/// done after the old snapshot ends. The blocker starts 1.5 s before the migration and lives
/// for `--blocker` in all.
struct ConcurrentBuildBenchmark {
    static let schema = "concurrent_build_bench"
    static let table = "\(schema).big"
    /// The blocker's age when the migration starts: beyond the gate's default long
    /// transaction age of 1 s.
    static let launchDelay: Duration = .milliseconds(1500)
    static let migrationTimeout: Duration = .seconds(600)

    let options: ConcurrentBuildOptions
    private let clock = ContinuousClock()

    /// Creates the table, runs each migrator in order and returns the report's lines.
    func run() throws(BenchmarkError) -> [String] {
        let admin = try Bench.connect(options.databaseURL)
        let version = try Bench.database { () throws(PostgresError) in
            try admin.execute("""
                DROP SCHEMA IF EXISTS \(Self.schema) CASCADE; CREATE SCHEMA \(Self.schema);
                CREATE TABLE \(Self.table) (id int PRIMARY KEY, payload text);
                INSERT INTO \(Self.table) SELECT i, md5(i::text) FROM generate_series(1, \(options.rows)) i;
                CREATE TABLE \(Self.schema).other (id int); INSERT INTO \(Self.schema).other VALUES (1)
                """)
            try admin.execute("VACUUM ANALYZE \(Self.table)")
            return try admin.query("SHOW server_version").rows[0].decode(0, as: String.self)
        }
        let migrations = FileManager.default.temporaryDirectory.appendingPathComponent("onlineddl-concurrent-build-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: migrations) }
        var results: [ConcurrentBuildRunResult] = []
        let migrators = ConcurrentMigrator.allCases.filter { $0 != .baseline || !options.baselineOnlineddl.isEmpty }
        for (index, migrator) in migrators.enumerated() {
            results.append(try run(migrator, number: index + 1, admin: admin, migrations: migrations))
        }
        return ConcurrentBuildReport(options: options, serverVersion: version, results: results).lines
    }

    /// One run: the blocker (unless the reference run), the build applied by `migrator`,
    /// then the index checked and dropped.
    private func run(
        _ migrator: ConcurrentMigrator, number: Int, admin: Connection, migrations: URL
    ) throws(BenchmarkError) -> ConcurrentBuildRunResult {
        let index = "big_payload_\(number)"
        let sampler = try BuildSampler(databaseURL: options.databaseURL, table: Self.table)
        let start = clock.now
        var blocker: Connection?
        if migrator.hasBlocker {
            let session = try Bench.connect(options.databaseURL)
            try Bench.database { () throws(PostgresError) in
                try session.execute(
                    "SET application_name = 'cb-report'; BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM \(Self.schema).other")
            }
            blocker = session
            Bench.sleep(until: start + Self.launchDelay)
        }
        let launchedAt = clock.now
        let migration = try launch(
            migrator, statement: "CREATE INDEX CONCURRENTLY \(index) ON \(Self.table) (payload)", number: number,
            directory: migrations.appendingPathComponent("run_\(number)"))
        var blockerEnded: ContinuousClock.Instant?
        if let blocker {
            Bench.sleep(until: start + options.blocker)
            blockerEnded = clock.now
            try Bench.database { () throws(PostgresError) in try blocker.execute("COMMIT") }
        }
        guard let outcome = migration.wait(timeout: Self.migrationTimeout) else {
            _ = try? sampler.stop()
            throw BenchmarkError("\(migrator.name) did not finish within \(DurationText.human(Self.migrationTimeout))")
        }
        let builds = try sampler.stop()
        let indexes = try dropIndexes(admin)
        return ConcurrentBuildRunResult(
            migrator: migrator, outcome: outcome, launchedAt: launchedAt, blockerEnded: blockerEnded, builds: builds,
            indexValid: indexes.valid.contains(index), invalidLeft: indexes.invalid.count)
    }

    /// Starts the tool of `migrator`.
    private func launch(
        _ migrator: ConcurrentMigrator, statement: String, number: Int, directory: URL
    ) throws(BenchmarkError) -> MigrationProcess {
        let history = "\(Self.schema).history_\(number)"
        let tool: Bench.Tool =
            switch migrator {
            case .psqlUnblocked, .psql: .psql(path: options.psql)
            case .baseline: .onlineddl(path: options.baselineOnlineddl, historyTable: history, arguments: [])
            case .onlineddlNoPredict: .onlineddl(path: options.onlineddl, historyTable: history, arguments: ["--no-predict"])
            case .onlineddl: .onlineddl(path: options.onlineddl, historyTable: history, arguments: [])
            }
        return try Bench.launch(tool, statement: statement, databaseURL: options.databaseURL, directory: directory)
    }

    /// The indexes a run left on the table beside its primary key, by validity, after
    /// dropping them all so that the next run starts alike.
    private func dropIndexes(_ admin: Connection) throws(BenchmarkError) -> (valid: Set<String>, invalid: Set<String>) {
        try Bench.database { () throws(PostgresError) -> (valid: Set<String>, invalid: Set<String>) in
            let rows = try admin.preparedQuery("""
                SELECT c.relname AS name, i.indisvalid AS valid
                  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                 WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
                """, [Self.table]).rows
            var valid: Set<String> = []
            var invalid: Set<String> = []
            for row in rows {
                let name: String = try row.decode("name")
                if try row.decode("valid", as: Bool.self) { valid.insert(name) } else { invalid.insert(name) }
                try admin.execute("DROP INDEX \(Self.schema).\(name)")
            }
            return (valid, invalid)
        }
    }
}

/// What builds the index in a run.
enum ConcurrentMigrator: CaseIterable {
    /// psql with no old snapshot in the way: the build's own cost.
    case psqlUnblocked
    case psql
    /// The onlineddl given as `--baseline-onlineddl`.
    case baseline
    case onlineddlNoPredict
    case onlineddl

    var name: String {
        switch self {
        case .psqlUnblocked: "psql, no blocker (reference)"
        case .psql: "psql"
        case .baseline: "onlineddl apply, baseline build"
        case .onlineddlNoPredict: "onlineddl apply --no-predict"
        case .onlineddl: "onlineddl apply"
        }
    }

    var hasBlocker: Bool { self != .psqlUnblocked }
}

/// The measurements of one run.
struct ConcurrentBuildRunResult {
    let migrator: ConcurrentMigrator
    let outcome: MigrationProcess.Outcome
    let launchedAt: ContinuousClock.Instant
    /// When the blocker's COMMIT was sent; nil for the reference run.
    let blockerEnded: ContinuousClock.Instant?
    let builds: BuildSampler.Summary
    /// Whether the run's index exists and is valid.
    let indexValid: Bool
    /// INVALID indexes left on the table (thrown-away builds nobody dropped).
    let invalidLeft: Int

    /// From the tool's start to its exit.
    var total: Duration { outcome.exitedAt - launchedAt }
    /// From the blocker's COMMIT to the tool's exit.
    var doneAfterBlocker: Duration? { blockerEnded.map { outcome.exitedAt - $0 } }
}
