import Foundation
import OnlineDDL
import Testing

@Suite("Integration: onlineddl plan")
struct PlanCommandTests {
    private func folder(_ files: [String: String]) throws -> String {
        try TemporaryFolder.create(files, prefix: "plan")
    }

    @Test func offlineJSONFollowsTheContract() throws {
        let path = try folder([
            "0001_index.sql": "CREATE INDEX accounts_email_idx ON accounts (email);\n",
            "0002_note.sql": "-- why: catalog-only since PostgreSQL 11\nALTER TABLE accounts ADD COLUMN note text DEFAULT 'n/a';\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try CLI.run(["plan", path, "--offline", "--format", "json", "--pg-version", "15"])
        #expect(output.status == 0, "\(output.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(json["pg_version"] as? Int == 15)
        #expect(json["connected"] as? Bool == false)
        let migrations = try #require(json["migrations"] as? [[String: Any]])
        #expect(migrations.map { $0["version"] as? String } == ["0001", "0002"])
        #expect(migrations.map { $0["name"] as? String } == ["index", "note"])
        let statement = try #require((migrations[1]["statements"] as? [[String: Any]])?.first)
        #expect(statement["line"] as? Int == 2)
        #expect(statement["sql"] as? String == "ALTER TABLE accounts ADD COLUMN note text DEFAULT 'n/a'")
        #expect(statement["transactional"] as? Bool == true)
        #expect(statement["rewrite"] as? String == "none")
        #expect((statement["locks"] as? [[String: String]]) == [["relation": "accounts", "mode": "AccessExclusiveLock"]])
        #expect(statement.keys.contains("prediction") && statement["prediction"] is NSNull)
        let indexFindings = try #require(((migrations[0]["statements"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])
        #expect(indexFindings.map { $0["rule"] as? String } == ["require-concurrent-index"])
        #expect(indexFindings.first?["severity"] as? String == "warning")
    }

    @Test func exitCodesFollowFailOn() throws {
        let path = try folder(["0001_index.sql": "CREATE INDEX i ON t (a);\n"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CLI.run(["plan", path, "--offline"]).status == 0)
        #expect(try CLI.run(["plan", path, "--offline", "--fail-on", "warning"]).status == 1)
        #expect(try CLI.run(["plan", path, "--offline", "--fail-on", "warning", "--ignore", "require-concurrent-index"]).status == 0)
        let unknown = try CLI.run(["plan", path, "--offline", "--ignore", "no-such-rule"])
        #expect(unknown.status == 2)
        #expect(unknown.standardError.contains("no-such-rule"))
        let github = try CLI.run(["plan", path, "--offline", "--format", "github"])
        #expect(github.standardOutput.hasPrefix("::warning file=\(path)/0001_index.sql,line=1,col=1,title=onlineddl require-concurrent-index::"))
    }

    @Test func badInputIsReportedAtFileLineColumnWithExitCode2() throws {
        let path = try folder(["0001_ok.sql": "SELECT 1;\n", "0002_bad.sql": "SELECT 1;\nALTER TABLE t ADD COLUMN;\n"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = try CLI.run(["plan", path, "--offline"])
        #expect(output.status == 2)
        #expect(output.standardError.contains("\(path)/0002_bad.sql:2:25: syntax error at or near \";\""))
        #expect(output.standardOutput.contains("\(path)/0002_bad.sql:2:25: error: syntax error at or near \";\" [syntax-error]"))
        #expect(output.standardOutput.contains("0001_ok (\(path)/0001_ok.sql): one transaction"))
        let missing = try CLI.run(["plan", "/no/such/migrations", "--offline"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("/no/such/migrations: no such file or directory"))
    }

    @Test func connectedPlanPredictsTheWaitBehindAnIdleTransaction() throws {
        let admin = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("plan_accounts")
        try admin.execute("CREATE TABLE \(table) (id int PRIMARY KEY)")
        defer { _ = try? admin.execute("DROP TABLE IF EXISTS \(table)") }
        let idle = try SessionWorker(url: TestDatabase.url(), label: "idle")
        defer { _ = try? idle.run("ROLLBACK") }
        try idle.run("SET application_name = 'nightly-report'; BEGIN; INSERT INTO \(table) VALUES (1)")
        let path = try folder([
            "0001_note.sql": "ALTER TABLE \(table) ADD COLUMN note text;\n",
            "0002_index.sql": "CREATE INDEX CONCURRENTLY \(table)_id_idx ON \(table) (id);\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let url = try TestDatabase.url()

        let text = try CLI.run(["plan", path, "--database-url", url])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("now: would WAIT for AccessExclusiveLock on public.\(table) behind pid \(idle.pid), idle in transaction"))
        #expect(text.standardOutput.contains("app nightly-report"))
        #expect(try CLI.run(["plan", path, "--database-url", url, "--fail-on", "wait"]).status == 1)

        let json = try CLI.run(["plan", path, "--database-url", url, "--format", "json"])
        let plan = try JSONDecoder().decode(MigrationPlan.self, from: Data(json.standardOutput.utf8))
        #expect(plan.connected)
        #expect(plan.postgresVersion == admin.serverVersion / 10000)
        let statement = try #require(plan.migrations.first?.statements.first)
        // Connected, relations are resolved through the catalog and schema-qualified.
        #expect(statement.locks.first == RelationLock(relation: "public.\(table)", mode: .accessExclusive))
        #expect(statement.size == nil, "catalog-only work has no size")
        let index = try #require(plan.migrations.last?.statements.first)
        #expect(index.rewrite == .scan)
        #expect(index.size?.relation == "public.\(table)")
        #expect((index.size?.bytes ?? 0) > 0)
        let prediction = try #require(statement.prediction)
        #expect(prediction.outcome == .wait)
        #expect(prediction.blockers.map(\.session.pid) == [idle.pid])

        try idle.run("ROLLBACK")
        let after = try CLI.run(["plan", path, "--database-url", url, "--fail-on", "wait"])
        #expect(after.status == 0)
        #expect(after.standardOutput.contains("now: would be granted at once"))
    }
}
