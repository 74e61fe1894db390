import Foundation
import OnlineDDL
import Testing

/// Prisma's `_prisma_migrations` as its schema engine creates and writes it: a row per
/// attempt, `checksum` the SHA-256 of the migration's SQL (computed here by the server),
/// `finished_at` set when it finished, `rolled_back_at` by `prisma migrate resolve
/// --rolled-back`. The folder is Prisma's `migrations`: `<timestamp>_<name>/migration.sql`
/// beside `migration_lock.toml`; `migration_name` is the migration folder's name.
@Suite("Integration: adopt Prisma's history", .serialized)
struct AdoptPrismaTests {
    static let files = [
        "migration_lock.toml": "provider = \"postgresql\"\n",
        "20240101000000_init/migration.sql": "CREATE TABLE accounts (id int PRIMARY KEY);\n",
        "20240102000000_note/migration.sql": "ALTER TABLE accounts ADD COLUMN note text;\r\n",
        "20240103000000_email/migration.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
    ]

    /// Prisma's rows for the first two migrations; `finished` and `rolledBack` set the second's.
    static func migrated(finished: Bool = true, rolledBack: Bool = false) throws -> AdoptFixture {
        let fixture = try AdoptFixture(files)
        try fixture.database.execute("CREATE TABLE accounts (id int PRIMARY KEY); ALTER TABLE accounts ADD COLUMN note text")
        try fixture.database.execute(ToolHistoryTable.ddl(.prisma))
        for (name, done, rolled) in [("20240101000000_init", true, false), ("20240102000000_note", finished, rolledBack)] {
            let sql = String(decoding: try fixture.contents("\(name)/migration.sql"), as: UTF8.self)
            try fixture.database.query("""
                INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, rolled_back_at, applied_steps_count)
                VALUES (gen_random_uuid()::text, encode(sha256(convert_to($1, 'UTF8')), 'hex'), $2, now(),
                        CASE WHEN $3 THEN now() END, CASE WHEN $4 THEN now() END, CASE WHEN $3 THEN 1 ELSE 0 END)
                """, [sql, name, done, rolled])
        }
        return fixture
    }

    @Test func adoptsThenApplyRunsOnlyTheNewFile() throws {
        let fixture = try Self.migrated()
        let (_, apply) = try fixture.adoptThenApply(["--from", "prisma"], toolTable: "_prisma_migrations")
        #expect(apply.standardOutput.contains("done: 1 applied, 0 pending"), "\(apply.combined)")
        #expect(try fixture.columns("accounts") == ["id", "note", "email"])
        #expect(try fixture.records()["20240102000000"]?.origin == .adopted(.prisma))
    }

    @Test func anUnfinishedMigrationIsRefused() throws {
        let fixture = try Self.migrated(finished: false)
        let output = try fixture.cli("adopt", ["--from", "prisma"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("prisma: migration 20240102000000_note (id "))
        #expect(output.standardError.contains("never finished (finished_at is null, rolled_back_at is null)"))
        #expect(output.standardError.contains("prisma migrate resolve --applied 20240102000000_note"))
    }

    @Test func aRolledBackMigrationIsRefused() throws {
        let fixture = try Self.migrated(finished: false, rolledBack: true)
        let output = try fixture.cli("adopt", ["--from", "prisma"])
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("prisma: migration 20240102000000_note is marked rolled back"))
        #expect(try fixture.records().isEmpty)
    }

    @Test func aChangedFileIsReportedAndLineEndingsAreNot() throws {
        let fixture = try Self.migrated()
        try fixture.write("20240102000000_note/migration.sql", "ALTER TABLE accounts ADD COLUMN note text;\n")
        let sameButLF = try fixture.cli("adopt", ["--from", "prisma", "--dry-run"])
        #expect(sameButLF.status == 0, "Prisma reads CRLF and LF alike: \(sameButLF.combined)")
        try fixture.write("20240102000000_note/migration.sql", "ALTER TABLE accounts ADD COLUMN note varchar;\n")
        let changed = try fixture.cli("adopt", ["--from", "prisma"])
        #expect(changed.status == 2, "\(changed.combined)")
        #expect(changed.standardError.contains("20240102000000_note/migration.sql: prisma recorded checksum"))
    }
}
