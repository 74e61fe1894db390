import Foundation
import OnlineDDL
import Testing

/// golang-migrate's table as its postgres driver writes it: `CREATE TABLE IF NOT EXISTS
/// schema_migrations (version bigint not null primary key, dirty boolean not null)` in the
/// current schema, then one row, truncated and rewritten at each step.
@Suite("Integration: adopt golang-migrate's history", .serialized)
struct AdoptGolangMigrateTests {
    static let files = [
        "1_create.up.sql": "CREATE TABLE accounts (id int PRIMARY KEY);\n",
        "1_create.down.sql": "DROP TABLE accounts;\n",
        "2_note.up.sql": "ALTER TABLE accounts ADD COLUMN note text;\n",
        "3_email.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
    ]

    /// The database after `migrate up 2`, stopped in the middle of version 2 when `dirty`.
    static func migrated(version: Int, dirty: Bool = false) throws -> AdoptFixture {
        let fixture = try AdoptFixture(files)
        try fixture.database.execute("""
            CREATE TABLE accounts (id int PRIMARY KEY);
            ALTER TABLE accounts ADD COLUMN note text;
            \(ToolHistoryTable.ddl(.golangMigrate));
            TRUNCATE "schema_migrations";
            INSERT INTO "schema_migrations" (version, dirty) VALUES (\(version), \(dirty));
            """)
        return fixture
    }

    @Test func adoptsThenApplyRunsOnlyTheNewFile() throws {
        let fixture = try Self.migrated(version: 2)
        let (adopt, apply) = try fixture.adoptThenApply(["--from", "golang-migrate"], toolTable: "schema_migrations")
        #expect(adopt.standardOutput.contains("recorded     1 create  (no applied time: recorded now)"))
        #expect(adopt.standardOutput.contains("pending      3"))
        #expect(apply.standardOutput.hasPrefix("3 email: "), "\(apply.combined)")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"))
        #expect(try fixture.columns("accounts") == ["id", "note", "email"])
        let records = try fixture.records()
        #expect(records.keys.sorted() == ["1", "2", "3"])
        #expect(records["1"]?.origin == .adopted(.golangMigrate))
        #expect(records["1"]?.checksum == SHA256.hexDigest(try fixture.contents("1_create.up.sql")))
        #expect(records["3"]?.origin == nil, "applied by onlineddl")
        let status = try fixture.cli("status")
        #expect(status.standardOutput.contains("applied      1 create  (adopted from golang-migrate, "), "\(status.combined)")
        let json = try fixture.cli("status", ["--format", "json"])
        #expect(json.standardOutput.contains("\"origin\" : \"adopted:golang-migrate\""), "\(json.standardOutput)")
    }

    @Test func autoFindsTheTableAndASecondRunChangesNothing() throws {
        let fixture = try Self.migrated(version: 2)
        let first = try fixture.cli("adopt")
        #expect(first.status == 0, "\(first.combined)")
        #expect(first.standardOutput.hasPrefix("golang-migrate history: \(fixture.schema).schema_migrations"), "\(first.standardOutput)")
        let recorded = try fixture.records()
        let second = try fixture.cli("adopt", ["--format", "json"])
        #expect(second.status == 0, "\(second.combined)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(second.standardOutput.utf8)) as? [String: Any])
        #expect((report["recorded"] as? [Any])?.isEmpty == true)
        #expect(report["already_recorded"] as? [String] == ["1", "2"])
        #expect(try fixture.records() == recorded)
    }

    @Test func dryRunRecordsNothing() throws {
        let fixture = try Self.migrated(version: 2)
        let output = try fixture.cli("adopt", ["--from", "golang-migrate", "--dry-run"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardOutput.contains("would record 2 note"))
        #expect(try fixture.records().isEmpty)
    }

    @Test func aDirtyVersionIsRefused() throws {
        let fixture = try Self.migrated(version: 2, dirty: true)
        let output = try fixture.cli("adopt", ["--from", "golang-migrate"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("golang-migrate: version 2 is marked dirty"))
        #expect(output.standardError.contains("`migrate force 2` if it is now fully applied, or `migrate force 1` if you undid it"))
        #expect(try fixture.records().isEmpty)
    }

    @Test func aVersionNoFileHasIsRefused() throws {
        let fixture = try Self.migrated(version: 5)
        let output = try fixture.cli("adopt", ["--from", "golang-migrate"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("golang-migrate: version 5 is recorded as applied, but no file of the folder has version 5"))
    }

    @Test func aRenamedTableIsReadWithFromTable() throws {
        let fixture = try Self.migrated(version: 2)
        try fixture.database.execute("ALTER TABLE schema_migrations RENAME TO migrate_versions")
        let missing = try fixture.cli("adopt", ["--from", "golang-migrate"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("no table schema_migrations in this database"))
        #expect(missing.standardError.contains("x-migrations-table"))
        let output = try fixture.cli("adopt", ["--from", "golang-migrate", "--from-table", "\(fixture.schema).migrate_versions"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(try fixture.records().keys.sorted() == ["1", "2"])
    }

    @Test func adoptWaitsForNoApplyItFailsAtOnceWhileTheRunLockIsHeld() throws {
        let fixture = try Self.migrated(version: 2)
        let holder = try TestDatabase.connect()
        #expect(try RunnerLock(historyTable: fixture.history).tryAcquire(on: holder))
        let output = try fixture.cli("adopt", ["--from", "golang-migrate"])
        #expect(output.status == 3, "\(output.combined)")
        #expect(output.standardError.contains("another onlineddl runner holds the run lock: pid \(holder.backendPID)"))
        #expect(try fixture.records().isEmpty)
    }
}
