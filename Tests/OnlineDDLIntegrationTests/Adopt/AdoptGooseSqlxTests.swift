import Foundation
import OnlineDDL
import Testing

/// goose's and sqlx's tables as their PostgreSQL code creates and writes them, over a folder
/// of goose's annotated files and one of sqlx's reversible pairs.
@Suite("Integration: adopt goose's and sqlx's history", .serialized)
struct AdoptGooseSqlxTests {
    static let gooseFiles = [
        "00001_create.sql": "-- +goose Up\nCREATE TABLE accounts (id int PRIMARY KEY);\n\n-- +goose Down\nDROP TABLE accounts;\n",
        "00002_note.sql": "-- +goose Up\nALTER TABLE accounts ADD COLUMN note text;\n\n-- +goose Down\nALTER TABLE accounts DROP COLUMN note;\n",
        "00003_email.sql": "-- +goose Up\nALTER TABLE accounts ADD COLUMN email text;\n\n-- +goose Down\nALTER TABLE accounts DROP COLUMN email;\n",
    ]

    static let sqlxFiles = [
        "1_create.up.sql": "CREATE TABLE accounts (id int PRIMARY KEY);\n",
        "1_create.down.sql": "DROP TABLE accounts;\n",
        "2_note.up.sql": "ALTER TABLE accounts ADD COLUMN note text;\n",
        "2_note.down.sql": "ALTER TABLE accounts DROP COLUMN note;\n",
        "3_email.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
        "3_email.down.sql": "ALTER TABLE accounts DROP COLUMN email;\n",
    ]

    static func migrated(_ files: [String: String]) throws -> AdoptFixture {
        let fixture = try AdoptFixture(files)
        try fixture.database.execute("CREATE TABLE accounts (id int PRIMARY KEY); ALTER TABLE accounts ADD COLUMN note text")
        return fixture
    }

    /// goose's table and its version 0 row, then a row per up and, in older goose, a row with
    /// is_applied = false per down.
    static func gooseTable(_ fixture: AdoptFixture, rows: [(Int, Bool)]) throws {
        try fixture.database.execute(ToolHistoryTable.ddl(.goose))
        for (version, applied) in rows {
            try fixture.database.query("INSERT INTO goose_db_version (version_id, is_applied) VALUES ($1, $2)", [version, applied])
        }
    }

    /// sqlx's table, and a row per migration with the file's SHA-384, computed here by the server.
    static func sqlxTable(_ fixture: AdoptFixture, rows: [(Int, String, Bool)]) throws {
        try fixture.database.execute(ToolHistoryTable.ddl(.sqlx))
        for (version, file, success) in rows {
            try fixture.database.query("""
                INSERT INTO _sqlx_migrations ( version, description, success, checksum, execution_time )
                VALUES ( $1, $2, $3, sha384(convert_to($4, 'UTF8')), -1 )
                """, [version, String(file.dropFirst(2).dropLast(".up.sql".count)), success, String(decoding: try fixture.contents(file), as: UTF8.self)])
        }
    }

    @Test func gooseAdoptsTheVersionsStillApplied() throws {
        let fixture = try Self.migrated(Self.gooseFiles)
        try Self.gooseTable(fixture, rows: [(1, true), (2, true), (3, true), (3, false)])
        let (adopt, apply) = try fixture.adoptThenApply(["--from", "goose"], toolTable: "goose_db_version")
        #expect(adopt.standardOutput.contains("pending      00003"), "rolled back by goose down: \(adopt.standardOutput)")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"))
        #expect(try fixture.columns("accounts") == ["id", "note", "email"])
        #expect(try fixture.records()["2"]?.origin == .adopted(.goose))
        let again = try fixture.cli("adopt")
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.standardOutput.contains("recorded 0 as adopted from goose, 3 already recorded"))
    }

    @Test func sqlxAdoptsAndItsChecksumsMatchTheServersSHA384() throws {
        let fixture = try Self.migrated(Self.sqlxFiles)
        try Self.sqlxTable(fixture, rows: [(1, "1_create.up.sql", true), (2, "2_note.up.sql", true)])
        let (adopt, apply) = try fixture.adoptThenApply(["--from", "sqlx"], toolTable: "_sqlx_migrations")
        #expect(!adopt.standardOutput.contains("changed since"), "\(adopt.standardOutput)")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"))
        #expect(try fixture.records()["2"]?.origin == .adopted(.sqlx))
    }

    @Test func sqlxFailedRowAndChangedFileAreRefused() throws {
        let fixture = try Self.migrated(Self.sqlxFiles)
        try Self.sqlxTable(fixture, rows: [(1, "1_create.up.sql", true), (2, "2_note.up.sql", false)])
        let failed = try fixture.cli("adopt", ["--from", "sqlx"])
        #expect(failed.status == 2, "\(failed.combined)")
        #expect(failed.standardError.contains("sqlx: version 2 (note) failed (success = false)"))
        try fixture.database.execute("UPDATE _sqlx_migrations SET success = true")
        try fixture.write("2_note.up.sql", "ALTER TABLE accounts ADD COLUMN note text; -- edited\n")
        let changed = try fixture.cli("adopt", ["--from", "sqlx"])
        #expect(changed.status == 2, "\(changed.combined)")
        #expect(changed.standardError.contains("2_note.up.sql: sqlx recorded checksum"))
        #expect(try fixture.records().isEmpty)
    }
}
