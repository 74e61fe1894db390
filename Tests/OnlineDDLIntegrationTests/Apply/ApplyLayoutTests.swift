import Foundation
import OnlineDDL
import Testing

@Suite("Integration: apply and status read other tools' layouts", .serialized)
struct ApplyLayoutTests {
    /// The JSON Lines events of an apply.
    private func events(_ output: CLI.Output) throws -> [[String: Any]] {
        try output.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func appliesTheUpSectionsOfADbmateFolderAndHonoursTransactionFalse() throws {
        let fixture = try ApplyFixture([
            "20240101000000_create.sql": "-- migrate:up\nCREATE TABLE {t} (id int PRIMARY KEY, note text);\n\n-- migrate:down\nDROP TABLE {t};\n",
            "20240102000000_backfill.sql": """
                -- migrate:up transaction:false
                INSERT INTO {t} VALUES (1, NULL);
                UPDATE {t} SET note = 'x';

                -- migrate:down
                DELETE FROM {t};
                """,
        ])
        let output = try fixture.applyCLI(["--format", "json"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardError.contains("onlineddl: note: 2 down migrations not run"))
        let started = try events(output).filter { $0["event"] as? String == "migration_started" }
        #expect(started.map { $0["transactional"] as? Bool } == [true, false])
        #expect(started.map { $0["statements"] as? Int } == [1, 2])
        #expect(try fixture.observer.query("SELECT note FROM \(fixture.table)").rows.map { try $0.decode("note", as: String.self) } == ["x"])
        let records = try fixture.records()
        #expect(records.keys.sorted() == ["20240101000000", "20240102000000"])
        #expect(records["20240101000000"]?.checksum == SHA256.hexDigest(Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path("20240101000000_create.sql"))))))
    }

    @Test func appliesAFlywayFolderAndStatusShowsItsVersions() throws {
        let fixture = try ApplyFixture([
            "V1__create.sql": "CREATE TABLE {t} (id int PRIMARY KEY);\n",
            "V1_1__note.sql": "ALTER TABLE {t} ADD COLUMN note text;\n",
            "V1.10__seen.sql": "ALTER TABLE {t} ADD COLUMN seen int;\n",
            "U1_1__note.sql": "ALTER TABLE {t} DROP COLUMN note;\n",
        ])
        let output = try fixture.applyCLI(["--layout", "flyway"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(try fixture.columns() == ["id", "note", "seen"], "in version order, the undo file not run")
        #expect(try fixture.records().keys.sorted() == ["1", "1.1", "1.10"])
        let status = try CLI.run(["status", fixture.folder, "--database-url", TestDatabase.url(), "--history-table", fixture.history.description])
        #expect(status.status == 0, "\(status.combined)")
        #expect(status.standardOutput.contains("applied      1_1 note"))
        #expect(status.standardOutput.contains("3 applied, 0 pending"))
    }

    /// The `transactional` of each `migration_started` event of a JSON apply.
    private func transactional(_ output: CLI.Output) throws -> [Bool?] {
        try events(output).filter { $0["event"] as? String == "migration_started" }.map { $0["transactional"] as? Bool }
    }

    @Test func appliesAPrismaSchemaFolderWithItsTransactionBlocks() throws {
        let fixture = try ApplyFixture([
            "migrations/migration_lock.toml": "provider = \"postgresql\"\n",
            "migrations/20240101000000_create/migration.sql": "CREATE TABLE {t} (id int PRIMARY KEY);\n",
            "migrations/20240102000000_mood/migration.sql": """
                BEGIN;
                CREATE TYPE {t}_mood AS ENUM ('happy', 'sad');
                COMMIT;
                ALTER TABLE {t} ADD COLUMN mood {t}_mood;
                """,
            "migrations/20240102000000_mood/down.sql": "ALTER TABLE {t} DROP COLUMN mood;\n",
        ])
        defer { _ = try? fixture.observer.execute("DROP TYPE IF EXISTS \(fixture.table)_mood CASCADE") }
        let output = try fixture.applyCLI(["--format", "json"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardError.contains("onlineddl: note: 1 down migration not run"))
        #expect(try transactional(output) == [true, false], "the blocks and the statement after them are units of their own")
        #expect(try fixture.columns() == ["id", "mood"])
        #expect(try fixture.records().keys.sorted() == ["20240101000000", "20240102000000"])
    }

    @Test func appliesTheUpPartsOfAGooseFolderInNumericOrder() throws {
        let fixture = try ApplyFixture([
            "00001_create.sql": "-- +goose Up\nCREATE TABLE {t} (id int PRIMARY KEY, note text);\n-- +goose Down\nDROP TABLE {t};\n",
            "2_backfill.sql": "-- +goose Up\n-- +goose NO TRANSACTION\nINSERT INTO {t} VALUES (1, NULL);\nUPDATE {t} SET note = 'x';\n",
            "10_seen.sql": "-- +goose Up\n-- +goose StatementBegin\nALTER TABLE {t} ADD COLUMN seen int;\n-- +goose StatementEnd\n-- +goose Down\nALTER TABLE {t} DROP COLUMN seen;\n",
        ])
        let output = try fixture.applyCLI(["--format", "json"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardError.contains("onlineddl: note: 2 down migrations not run"))
        #expect(try transactional(output) == [true, false, true])
        #expect(try fixture.columns() == ["id", "note", "seen"])
        #expect(try fixture.records().keys.sorted() == ["1", "10", "2"])
    }

    @Test func appliesAnSqlxFolderHonouringNoTransaction() throws {
        let fixture = try ApplyFixture([
            "1_create.up.sql": "CREATE TABLE {t} (id int PRIMARY KEY, note text);\n",
            "1_create.down.sql": "DROP TABLE {t};\n",
            "2_backfill.sql": "-- no-transaction\nINSERT INTO {t} VALUES (1, NULL);\nUPDATE {t} SET note = 'x';\n",
        ])
        let output = try fixture.applyCLI(["--layout", "sqlx", "--format", "json"])
        #expect(output.status == 0, "\(output.combined)")
        #expect(try transactional(output) == [true, false])
        #expect(try fixture.observer.query("SELECT note FROM \(fixture.table)").rows.map { try $0.decode("note", as: String.self) } == ["x"])
        #expect(try fixture.records().keys.sorted() == ["1", "2"])
    }

    @Test func appliesASupabaseProjectInFileNameOrder() throws {
        let fixture = try ApplyFixture([
            "supabase/config.toml": "project_id = \"x\"\n",
            "supabase/migrations/10_create.sql": "create table {t} (id int primary key);\n",
            "supabase/migrations/2_note.sql": "alter table {t} add column note text;\n",
        ])
        let output = try CLI.run([
            "apply", fixture.path("supabase"), "--database-url", TestDatabase.url(), "--history-table", fixture.history.description,
        ])
        #expect(output.status == 0, "\(output.combined)")
        #expect(try fixture.columns() == ["id", "note"], "10_create.sql runs before 2_note.sql, as the Supabase CLI orders them")
        #expect(try fixture.records().keys.sorted() == ["10", "2"])
    }
}
