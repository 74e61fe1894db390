import Foundation
import OnlineDDL
import Testing

@Suite("Integration: baseline, plan after adoption, and older history tables", .serialized)
struct BaselineTests {
    static let files = [
        "0001_create.sql": "CREATE TABLE accounts (id int PRIMARY KEY);\n",
        "0002_note.sql": "ALTER TABLE accounts ADD COLUMN note text;\n",
        "0003_email.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
    ]

    /// A database restored from a dump taken at version 2.
    static func restored() throws -> AdoptFixture {
        let fixture = try AdoptFixture(files)
        try fixture.database.execute("CREATE TABLE accounts (id int PRIMARY KEY, note text)")
        return fixture
    }

    @Test func recordsUpToTheVersionThenApplyRunsTheRest() throws {
        let fixture = try Self.restored()
        let dryRun = try fixture.cli("baseline", ["--version", "2", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.combined)")
        #expect(dryRun.standardOutput.contains("would record 0002 note"))
        #expect(try fixture.records().isEmpty)
        let baseline = try fixture.cli("baseline", ["--version", "2"])
        #expect(baseline.status == 0, "\(baseline.combined)")
        #expect(baseline.standardOutput.contains("recorded 2 as baselined, 0 already recorded, 1 pending"), "\(baseline.standardOutput)")
        #expect(try fixture.records()["2"]?.origin == .baseline)
        let again = try fixture.cli("baseline", ["--version", "2"])
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.standardOutput.contains("recorded 0 as baselined, 2 already recorded"))
        let plan = try fixture.cli("plan", ["--format", "json"])
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(plan.standardOutput.contains("0003_email.sql"))
        #expect(!plan.standardOutput.contains("0002_note.sql"), "connected plan plans only what is pending")
        let apply = try fixture.cli("apply")
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"))
        #expect(try fixture.columns("accounts") == ["id", "note", "email"])
        let status = try fixture.cli("status")
        #expect(status.standardOutput.contains("applied      0001 create  (baselined, "), "\(status.standardOutput)")
    }

    @Test func refusesAVersionNoFileHasAndAHistoryBeyondIt() throws {
        let fixture = try Self.restored()
        let unknown = try fixture.cli("baseline", ["--version", "7"])
        #expect(unknown.status == 2, "\(unknown.combined)")
        #expect(unknown.standardError.contains("no file of the folder has version 7"))
        #expect(try fixture.cli("baseline", ["--version", "3"]).status == 0)
        let beyond = try fixture.cli("baseline", ["--version", "1"])
        #expect(beyond.status == 2, "\(beyond.combined)")
        #expect(beyond.standardError.contains("onlineddl's history already records version 0002, after the baseline 1"))
    }

    /// A history table created by an onlineddl without the `origin` column keeps working:
    /// apply writes it as before, adopt adds the column.
    @Test func aHistoryTableWithoutTheOriginColumnKeepsWorking() throws {
        let fixture = try Self.restored()
        try fixture.database.execute("""
            CREATE TABLE \(fixture.history.description) (
                version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL,
                duration_ms bigint NOT NULL, attempts integer NOT NULL, lock_wait_ms bigint NOT NULL,
                statements_applied integer NOT NULL, statements_total integer NOT NULL, building_statement integer,
                indexes_before text)
            """)
        try fixture.database.query("""
            INSERT INTO \(fixture.history.description) (version, name, checksum, applied_at, duration_ms, attempts, lock_wait_ms,
                                          statements_applied, statements_total)
            VALUES ('1', 'create', $1, clock_timestamp(), 5, 1, 0, 1, 1)
            """, [SHA256.hexDigest(try fixture.contents("0001_create.sql"))])
        #expect(try fixture.records()["1"]?.origin == nil)
        let baseline = try fixture.cli("baseline", ["--version", "2"])
        #expect(baseline.status == 0, "\(baseline.combined)")
        #expect(try fixture.records()["2"]?.origin == .baseline)
        #expect(try fixture.records()["1"]?.origin == nil)
        #expect(try fixture.cli("apply").status == 0)
        #expect(try fixture.records().count == 3)
    }
}
