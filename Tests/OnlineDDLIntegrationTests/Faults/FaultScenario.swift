import Foundation
import OnlineDDL
import Testing

/// A migration folder whose every effect can be checked against the history: transactional
/// files that add tables and columns, statement-by-statement files that build indexes
/// concurrently and backfill in batches. After any fault and a rerun, `violations()` lists
/// every broken invariant (none expected).
final class FaultScenario {
    let fixture: ApplyFixture
    var a: String { fixture.table + "_a" }
    var b: String { fixture.table + "_b" }

    /// Each transactional file's version and the relation or column it creates.
    private var transactionalEffects: [(version: String, check: String)] {
        [
            ("1", "to_regclass('\(a)') IS NOT NULL"),
            ("2", "EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('\(a)') AND attname = 'c2' AND NOT attisdropped)"),
            ("4", "to_regclass('\(b)') IS NOT NULL"),
            ("5", "EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('\(a)') AND attname = 'c5' AND NOT attisdropped)"),
            ("7", "EXISTS (SELECT FROM pg_attribute WHERE attrelid = to_regclass('\(b)') AND attname = 'c7' AND NOT attisdropped)"),
        ]
    }

    init() throws {
        fixture = try ApplyFixture(prefix: "fault")
        try fixture.write("0001_create_a.sql", """
            CREATE TABLE {t}_a (id int PRIMARY KEY, v int);
            INSERT INTO {t}_a SELECT g, g % 97 FROM generate_series(1, 20000) g;

            """)
        try fixture.write("0002_add_c2.sql", "ALTER TABLE {t}_a ADD COLUMN c2 int;\n")
        try fixture.write("0003_index_and_backfill.sql", """
            CREATE INDEX CONCURRENTLY {t}_a_v_idx ON {t}_a (v);
            UPDATE {t}_a SET c2 = 1 WHERE id <= 10000;
            UPDATE {t}_a SET c2 = 1 WHERE id > 10000;

            """)
        try fixture.write("0004_create_b.sql", "CREATE TABLE {t}_b AS SELECT g AS id FROM generate_series(1, 50000) g;\n")
        try fixture.write("0005_add_c5.sql", "ALTER TABLE {t}_a ADD COLUMN c5 text DEFAULT 'x';\n")
        try fixture.write("0006_unique_b.sql", "CREATE UNIQUE INDEX CONCURRENTLY {t}_b_id_key ON {t}_b (id);\n")
        try fixture.write("0007_add_c7.sql", "ALTER TABLE {t}_b ADD COLUMN c7 int;\nUPDATE {t}_b SET c7 = id WHERE id <= 25000;\n")
    }

    deinit {
        _ = try? fixture.observer.execute("DROP TABLE IF EXISTS \(a), \(b)")
    }

    /// Drops everything the migrations and the history made, for the next round.
    func reset() throws {
        try fixture.observer.execute("DROP TABLE IF EXISTS \(a), \(b); DROP TABLE IF EXISTS \(fixture.history.description)")
    }

    /// Every invariant that must hold at any moment no runner is alive: transactional
    /// effects present exactly when recorded, statement-by-statement progress matching the
    /// indexes and backfills, and, when `settled`, no INVALID index, no onlineddl session
    /// and no run lock.
    func violations(settled: Bool) throws -> [String] {
        let observer = fixture.observer
        let records = try fixture.records()
        var problems: [String] = []
        for (version, check) in transactionalEffects {
            let present = try observer.query("SELECT (\(check)) AS present").rows[0].decode("present", as: Bool.self)
            let recorded = records[version]?.isComplete == true
            if present != recorded {
                problems.append("migration \(version): effect \(present ? "present" : "missing") but \(recorded ? "recorded" : "not recorded")")
            }
        }
        if let progress = records["3"], progress.statementsApplied >= 1,
           try !indexIsValid("\(a)_v_idx") {
            problems.append("migration 3 recorded \(progress.statementsApplied) statement(s) but its index is missing or invalid")
        }
        if records["3"]?.isComplete == true {
            let missing = try observer.query("SELECT count(*) AS n FROM \(a) WHERE c2 IS NULL").rows[0].decode("n", as: Int.self)
            if missing > 0 { problems.append("migration 3 recorded complete but \(missing) rows lack the backfill") }
        }
        if records["6"]?.isComplete == true, try !indexIsValid("\(b)_id_key") {
            problems.append("migration 6 recorded complete but its index is missing or invalid")
        }
        guard settled else { return problems }
        let invalid = try observer.query("""
            SELECT string_agg(c.relname, ', ') AS names FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE NOT i.indisvalid AND i.indrelid IN (to_regclass($1), to_regclass($2))
            """, [a, b]).rows[0].decode("names", as: String?.self)
        if let invalid { problems.append("INVALID index left behind: \(invalid)") }
        let sessions = try lingeringSessions()
        if sessions > 0 { problems.append("\(sessions) onlineddl session(s) still connected") }
        if let holder = try RunnerLock(historyTable: fixture.history).holder(on: observer) {
            problems.append("run lock still held by \(holder)")
        }
        return problems
    }

    private func indexIsValid(_ name: String) throws -> Bool {
        try fixture.observer.query(
            "SELECT coalesce((SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)), false) AS valid", [name]
        ).rows[0].decode("valid")
    }

    /// Sessions named onlineddl, after giving the server up to 5 s to notice dead clients.
    func lingeringSessions() throws -> Int {
        try fixture.lingeringSessions(within: 5)
    }

    /// Starts `onlineddl apply` on the folder without waiting for it.
    func launch(_ extra: [String] = []) throws -> Process {
        let process = Process()
        process.executableURL = try CLI.executable
        process.arguments = ["apply", fixture.folder, "--database-url", try TestDatabase.url(),
                             "--history-table", fixture.history.description] + extra
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Reruns apply to completion; returns its output.
    func rerun() throws -> CLI.Output {
        try fixture.applyCLI()
    }
}
