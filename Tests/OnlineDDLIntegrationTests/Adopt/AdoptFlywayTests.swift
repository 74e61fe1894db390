import Foundation
import OnlineDDL
import Testing

/// Flyway's table as its PostgreSQL support creates it (`PostgreSQLDatabase.getRawCreateScript`,
/// in the default schema, the connection's current one), with the rows Flyway writes: a
/// `BASELINE` row from `flyway baseline`, `SQL` rows with the CRC-32 checksum of their file.
@Suite("Integration: adopt Flyway's history", .serialized)
struct AdoptFlywayTests {
    static let files = [
        "V1__create.sql": "CREATE TABLE accounts (id int PRIMARY KEY);\n",
        "V1_1__note.sql": "ALTER TABLE accounts ADD COLUMN note text;\r\n",
        "V2__phone.sql": "ALTER TABLE accounts ADD COLUMN phone text;\n",
        "V3__email.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
    ]

    /// The database after `flyway baseline -baselineVersion=1` over a dump of V1, then
    /// `flyway migrate` of V1_1 and V2 (V2 failed when `failing`).
    static func migrated(failing: Bool = false, checksum: ((Int32) -> Int32) = { $0 }) throws -> AdoptFixture {
        let fixture = try AdoptFixture(files)
        try fixture.database.execute("""
            CREATE TABLE accounts (id int PRIMARY KEY);
            ALTER TABLE accounts ADD COLUMN note text;
            ALTER TABLE accounts ADD COLUMN phone text;
            \(ToolHistoryTable.ddl(.flyway))
            INSERT INTO "flyway_schema_history"
                (installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success)
                VALUES (1, '1', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', NULL, 'postgres', '2024-01-01 10:00:00', 0, true);
            """)
        for (rank, file, version, description, success) in [
            (2, "V1_1__note.sql", "1.1", "note", true), (3, "V2__phone.sql", "2", "phone", !failing),
        ] {
            try fixture.database.query("""
                INSERT INTO "flyway_schema_history"
                    (installed_rank, version, description, type, script, checksum, installed_by, installed_on, execution_time, success)
                VALUES ($1, $2, $3, 'SQL', $4, $5, 'postgres', '2024-01-0\(rank) 10:00:00', 12, $6)
                """, [rank, version, description, file, checksum(ForeignChecksum.flywayChecksum(try fixture.contents(file))), success])
        }
        return fixture
    }

    @Test func adoptsThenApplyRunsOnlyTheNewFile() throws {
        let fixture = try Self.migrated()
        let (adopt, apply) = try fixture.adoptThenApply(["--from", "flyway"], toolTable: "flyway_schema_history")
        #expect(adopt.standardOutput.contains("recorded     1_1 note  (applied "), "\(adopt.standardOutput)")
        #expect(apply.standardOutput.hasPrefix("3 email: "), "\(apply.combined)")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"))
        #expect(try fixture.columns("accounts") == ["id", "note", "phone", "email"])
        let records = try fixture.records()
        #expect(records.keys.sorted() == ["1", "1.1", "2", "3"])
        #expect(records["1"]?.origin == .adopted(.flyway), "the baseline's version")
        #expect(records["2"]?.origin == .adopted(.flyway))
        let appliedOn: String = try fixture.database.query(
            "SELECT to_char('2024-01-03 10:00:00'::timestamp::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS t"
        ).rows[0].decode("t")
        #expect(records["2"]?.appliedAt == appliedOn, "Flyway's installed_on, read in the session's time zone")
    }

    @Test func aFailedRowIsRefused() throws {
        let fixture = try Self.migrated(failing: true)
        let output = try fixture.cli("adopt", ["--from", "flyway"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("flyway: installed_rank 3 (version 2, V2__phone.sql) failed (success = false)"))
        #expect(output.standardError.contains("flyway repair"))
        #expect(try fixture.records().isEmpty)
    }

    @Test func aFileChangedSinceFlywayAppliedItIsReported() throws {
        let fixture = try Self.migrated(checksum: { $0 &+ 1 })
        let output = try fixture.cli("adopt", ["--from", "flyway"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("changed since flyway applied them"))
        #expect(output.standardError.contains("V1_1__note.sql: flyway recorded checksum"))
        #expect(try fixture.records().isEmpty)
        let allowed = try fixture.cli("adopt", ["--from", "flyway", "--allow-changed"])
        #expect(allowed.status == 0, "\(allowed.combined)")
        #expect(allowed.standardOutput.contains("changed since, today's contents recorded"))
        #expect(try fixture.records()["1.1"]?.checksum == SHA256.hexDigest(try fixture.contents("V1_1__note.sql")))
    }
}
