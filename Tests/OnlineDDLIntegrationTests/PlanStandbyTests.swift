import Foundation
import OnlineDDL
import Testing

/// `plan --standby` on the real primary and its streaming hot standby: per ACCESS EXCLUSIVE
/// statement, who on the standby would make replay wait, checked against what the standby's
/// startup process then waits for when the statement runs.
@Suite("Integration: plan --standby", .serialized)
struct PlanStandbyTests {
    private func statements(_ output: CLI.Output) throws -> [[String: Any]] {
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let migrations = try #require(plan["migrations"] as? [[String: Any]])
        return migrations.flatMap { ($0["statements"] as? [[String: Any]]) ?? [] }
    }

    @Test func aReportOnTheStandbyIsNamedAndReplayThenWaitsForIt() throws {
        let fixture = try ApplyFixture(["0001_add.sql": "ALTER TABLE {t} ADD COLUMN x int;\nCREATE INDEX {t}_id ON {t} (id);\n"], prefix: "plan_standby")
        let standby = try TestStandby()
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int); INSERT INTO \(fixture.table) SELECT generate_series(1, 100)")
        try standby.catchUp(with: fixture.observer)
        let standbyURL = try TestDatabase.standbyURL()
        let arguments = ["plan", fixture.folder, "--database-url", try TestDatabase.url(), "--history-table",
                         fixture.history.description, "--format", "json", "--standby", standbyURL]

        let quiet = try statements(try CLI.run(arguments))
        let quietPrediction = try #require((quiet[0]["standbys"] as? [[String: Any]])?.first)
        #expect(quietPrediction["wait"] as? Bool == false && (quietPrediction["blockers"] as? [Any])?.isEmpty == true, "\(quietPrediction)")
        #expect(quiet[1]["standbys"] is NSNull, "CREATE INDEX takes SHARE, which replay does not take: \(quiet[1])")

        let report = try SessionWorker(url: standbyURL, label: "standby-report")
        try report.run("SET application_name = 'report'; BEGIN; SELECT count(*) FROM \(fixture.table)")
        usleep(1_200_000)
        let output = try CLI.run(arguments)
        #expect(output.status == 0, "\(output.combined)")
        let prediction = try #require((try statements(output)[0]["standbys"] as? [[String: Any]])?.first)
        #expect(prediction["wait"] as? Bool == true, "\(prediction)")
        #expect(!(prediction["standby"] as? String ?? "").isEmpty)
        let blocker = try #require((prediction["blockers"] as? [[String: Any]])?.first)
        #expect(blocker["pid"] as? Int == Int(report.pid) && blocker["application_name"] as? String == "report", "\(blocker)")
        let text = try CLI.run(Array(arguments.dropLast(4)) + ["--standby", standbyURL])
        #expect(text.standardOutput.contains("replay would wait behind pid \(report.pid) (report, "), "\(text.standardOutput)")

        // The server agrees: the ALTER's replay waits for exactly that session.
        try fixture.observer.execute("ALTER TABLE \(fixture.table) ADD COLUMN x int")
        let waitedFor = try waitForStartup(on: standby.connection, table: fixture.table)
        #expect(waitedFor == [report.pid])
        try report.run("COMMIT")
        try standby.catchUp(with: fixture.observer)
    }

    @Test func anUnreachableStandbyFailsPlanUnlessOptional() throws {
        let fixture = try ApplyFixture(["0001_add.sql": "ALTER TABLE {t} ADD COLUMN x int;\n"], prefix: "plan_standby_gone")
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int)")
        let gone = "postgresql://onlineddl:secret-standby-password@127.0.0.1:1/postgres?connect_timeout=2"
        let base = ["plan", fixture.folder, "--database-url", try TestDatabase.url(), "--history-table", fixture.history.description]
        let failed = try CLI.run(base + ["--standby", gone])
        #expect(failed.status == 1, "\(failed.combined)")
        #expect(!failed.combined.contains("secret-standby-password"))
        let skipped = try CLI.run(base + ["--standby-optional", gone])
        #expect(skipped.status == 0, "\(skipped.combined)")
        #expect(skipped.standardError.contains("left out") && !skipped.combined.contains("secret-standby-password"), "\(skipped.combined)")
        let offline = try CLI.run(["plan", fixture.folder, "--offline", "--standby", gone])
        #expect(offline.status == 2, "\(offline.combined)")
    }

    /// Whom the standby's startup process waits for, from `pg_locks` (`pg_blocking_pids`
    /// returns nothing for it): holders of a granted lock on the table.
    private func waitForStartup(on standby: Connection, table: String) throws -> [Int32] {
        var holders: [Int32] = []
        try waitUntil("the startup process waits for \(table)", seconds: 20) {
            holders = try standby.query("""
                SELECT h.pid FROM pg_locks w JOIN pg_stat_activity s ON s.pid = w.pid AND s.backend_type = 'startup'
                  JOIN pg_locks h ON h.locktype = 'relation' AND h.relation = w.relation AND h.granted AND h.pid <> w.pid
                 WHERE NOT w.granted AND w.locktype = 'relation' AND w.relation = to_regclass($1)
                """, [table]).rows.map { try $0.decode("pid", as: Int32.self) }
            return !holders.isEmpty
        }
        return holders
    }
}
