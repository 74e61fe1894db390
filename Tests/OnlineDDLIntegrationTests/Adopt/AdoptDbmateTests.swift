import Foundation
import OnlineDDL
import Testing

/// dbmate's table as its postgres driver writes it: `create table if not exists
/// <schema>.schema_migrations (version varchar primary key)` in the current schema, one row
/// per applied file, the version as its name writes it.
@Suite("Integration: adopt dbmate's history", .serialized)
struct AdoptDbmateTests {
    static let files = [
        "20240101000000_create.sql": "-- migrate:up\nCREATE TABLE accounts (id int PRIMARY KEY);\n\n-- migrate:down\nDROP TABLE accounts;\n",
        "20240102000000_note.sql": "-- migrate:up\nALTER TABLE accounts ADD COLUMN note text;\n\n-- migrate:down\nALTER TABLE accounts DROP COLUMN note;\n",
        "20240103000000_email.sql": "-- migrate:up\nALTER TABLE accounts ADD COLUMN email text;\n",
    ]

    static func migrated(_ versions: [String]) throws -> AdoptFixture {
        let fixture = try AdoptFixture(files)
        try fixture.database.execute("""
            CREATE TABLE accounts (id int PRIMARY KEY);
            ALTER TABLE accounts ADD COLUMN note text;
            \(ToolHistoryTable.ddl(.dbmate));
            """)
        for version in versions {
            try fixture.database.query("insert into \(fixture.schema).schema_migrations (version) values ($1)", [version])
        }
        return fixture
    }

    @Test func adoptsThenApplyRunsOnlyTheNewFile() throws {
        let fixture = try Self.migrated(["20240101000000", "20240102000000"])
        let (_, apply) = try fixture.adoptThenApply([], toolTable: "schema_migrations")
        #expect(apply.standardOutput.hasPrefix("20240103000000 email: "), "\(apply.combined)")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"))
        #expect(try fixture.columns("accounts") == ["id", "note", "email"])
        #expect(try fixture.records()["20240102000000"]?.origin == .adopted(.dbmate))
        let again = try fixture.cli("adopt", ["--from", "dbmate"])
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.standardOutput.contains("recorded 0 as adopted from dbmate, 3 already recorded, 0 pending"), "\(again.standardOutput)")
    }

    @Test func aVersionNoFileHasIsRefused() throws {
        let fixture = try Self.migrated(["20240101000000", "20231231000000"])
        let output = try fixture.cli("adopt", ["--from", "dbmate"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("dbmate: version 20231231000000 is recorded as applied, but no file of the folder has version 20231231000000"))
        #expect(try fixture.records().isEmpty)
    }

    @Test func golangMigratesTableIsNotTakenForDbmates() throws {
        let fixture = try AdoptFixture(Self.files)
        try fixture.database.execute(ToolHistoryTable.ddl(.golangMigrate))
        let output = try fixture.cli("adopt", ["--from", "dbmate"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("is not dbmate's history table"), "\(output.standardError)")
    }
}

@Suite("Integration: adopt --from auto", .serialized)
struct AdoptAutoTests {
    @Test func noToolTableIsAnErrorThatSaysWhatItLookedFor() throws {
        let fixture = try AdoptFixture(AdoptDbmateTests.files)
        let output = try fixture.cli("adopt")
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("no other tool's history table found through search_path"))
        #expect(output.standardError.contains("flyway_schema_history of flyway"))
    }

    @Test func severalToolTablesAskForFrom() throws {
        let fixture = try AdoptDbmateTests.migrated(["20240101000000"])
        try fixture.database.execute(ToolHistoryTable.ddl(.flyway))
        let output = try fixture.cli("adopt")
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("several tools' history tables found: \(fixture.schema).schema_migrations of dbmate, \(fixture.schema).flyway_schema_history of flyway"))
        #expect(try fixture.cli("adopt", ["--from", "dbmate"]).status == 0)
    }
}
