import Foundation
import OnlineDDL
import Testing

/// diesel's table as diesel_migrations creates it (setup_migration_table.sql) and the rows
/// it writes: the folder name's digits, `run_on` its default.
@Suite("Integration: adopt diesel's history", .serialized)
struct AdoptDieselTests {
    static let files = [
        "2024-01-01-000000_create/up.sql": "CREATE TABLE accounts (id int PRIMARY KEY);\n",
        "2024-01-01-000000_create/down.sql": "DROP TABLE accounts;\n",
        "2024-01-02-000000_note/up.sql": "ALTER TABLE accounts ADD COLUMN note text;\n",
        "2024-01-03-000000_email/up.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
    ]

    @Test func adoptsThenApplyRunsOnlyTheNewFile() throws {
        let fixture = try AdoptFixture(Self.files)
        try fixture.database.execute("""
            CREATE TABLE accounts (id int PRIMARY KEY);
            ALTER TABLE accounts ADD COLUMN note text;
            \(ToolHistoryTable.ddl(.diesel))
            INSERT INTO __diesel_schema_migrations (version) VALUES ('20240101000000');
            INSERT INTO __diesel_schema_migrations (version) VALUES ('20240102000000');
            """)
        let (_, apply) = try fixture.adoptThenApply(["--from", "diesel"], toolTable: "__diesel_schema_migrations")
        #expect(apply.standardOutput.hasPrefix("20240103000000 email: "), "\(apply.combined)")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"))
        #expect(try fixture.columns("accounts") == ["id", "note", "email"])
        let records = try fixture.records()
        #expect(records["20240102000000"]?.origin == .adopted(.diesel))
        #expect(records["20240102000000"]?.appliedAt.hasPrefix("20") == true)
    }
}
