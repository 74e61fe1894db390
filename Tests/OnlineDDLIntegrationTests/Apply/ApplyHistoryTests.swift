import Foundation
import OnlineDDL
import Testing

@Suite("Integration: apply records history, refuses drift, stops cleanly on errors", .serialized)
struct ApplyHistoryTests {
    @Test func appliesInOrderAndRecordsEachMigration() throws {
        let fixture = try ApplyFixture([
            "0001_create.sql": "CREATE TABLE {t} (id bigint PRIMARY KEY);\n",
            "2_note.sql": "-- why: a constant default is catalog-only\nALTER TABLE {t} ADD COLUMN note text DEFAULT 'n/a';\nALTER TABLE {t} ADD COLUMN seen int;\n",
        ])
        let output = try fixture.applyCLI(["--format", "json"])
        #expect(output.status == 0, "\(output.combined)")
        let events = try output.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let names = events.compactMap { $0["event"] as? String }
        #expect(names.filter { $0 == "migration_started" }.count == 2)
        #expect(names.filter { $0 == "migration_done" }.count == 2)
        #expect(names.last == "summary")
        #expect(events.last?["outcome"] as? String == "ok")
        #expect(events.last?["applied"] as? [String] == ["0001", "2"])

        #expect(try fixture.columns() == ["id", "note", "seen"])
        let records = try fixture.records()
        #expect(records.keys.sorted() == ["1", "2"])
        let note = try #require(records["2"])
        #expect(note.name == "note")
        #expect(note.checksum == SHA256.hexDigest(Array(try Data(contentsOf: URL(fileURLWithPath: fixture.path("2_note.sql"))))))
        #expect(note.attempts == 1)
        #expect(note.statementsApplied == 2 && note.statementsTotal == 2)
        // The server's own sha256() agrees with the recorded checksum.
        let serverDigest = try fixture.observer.query(
            "SELECT encode(sha256(convert_to($1, 'UTF8')), 'hex') AS digest",
            [String(decoding: try Data(contentsOf: URL(fileURLWithPath: fixture.path("2_note.sql"))), as: UTF8.self)]
        ).rows[0].decode("digest", as: String.self)
        #expect(note.checksum == serverDigest)

        let again = try fixture.applyCLI()
        #expect(again.status == 0, "\(again.combined)")
        #expect(again.standardOutput.contains("0 applied, 0 pending"))

        let status = try CLI.run(["status", fixture.folder, "--database-url", TestDatabase.url(),
                                  "--history-table", fixture.history.description, "--format", "json"])
        #expect(status.status == 0, "\(status.combined)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.standardOutput.utf8)) as? [String: Any])
        let states = (json["migrations"] as? [[String: Any]])?.compactMap { $0["state"] as? String }
        #expect(states == ["applied", "applied"])
    }

    @Test func aBadStatementInTheMiddleAppliesNothingOfItsFile() throws {
        let fixture = try ApplyFixture(["0001_create.sql": "CREATE TABLE {t} (id int);\n"])
        let prefix = "UPDATE \(fixture.table) SET id = "
        try fixture.write("0002_three.sql", """
            ALTER TABLE {t} ADD COLUMN a int;
            \(prefix)no_such_column_xyz;
            ALTER TABLE {t} ADD COLUMN c int;

            """)
        let output = try fixture.applyCLI()
        #expect(output.status == 1, "\(output.combined)")
        let location = "\(fixture.path("0002_three.sql")):2:\(prefix.count + 1):"
        #expect(output.standardError.contains(location), "\(output.standardError)")
        #expect(output.standardError.contains("42703"))
        #expect(try fixture.columns() == ["id"])
        #expect(try fixture.records().keys.sorted() == ["1"])
    }

    @Test func changedAppliedFilesAreRefusedUnlessAllowed() throws {
        let fixture = try ApplyFixture(["0001_create.sql": "CREATE TABLE {t} (id int);\n"])
        #expect(try fixture.applyCLI().status == 0)
        try fixture.write("0001_create.sql", "CREATE TABLE {t} (id bigint);\n")
        try fixture.write("0002_more.sql", "ALTER TABLE {t} ADD COLUMN note text;\n")

        let refused = try fixture.applyCLI()
        #expect(refused.status == 2, "\(refused.combined)")
        #expect(refused.standardError.contains(fixture.path("0001_create.sql")))
        #expect(refused.standardError.contains("--allow-changed"))
        #expect(try fixture.columns() == ["id"], "nothing runs when a file changed")

        let statusArguments = ["status", fixture.folder, "--database-url", try TestDatabase.url(),
                               "--history-table", fixture.history.description]
        let status = try CLI.run(statusArguments)
        #expect(status.status == 1)
        #expect(status.standardOutput.contains("changed      0001 create"), "\(status.standardOutput)")
        #expect(status.standardOutput.contains("pending      0002 more"), "\(status.standardOutput)")

        let allowed = try fixture.applyCLI(["--allow-changed"])
        #expect(allowed.status == 0, "\(allowed.combined)")
        #expect(try fixture.columns() == ["id", "note"])
        #expect(try CLI.run(statusArguments).status == 0)
        let checksum = SHA256.hexDigest(Array("CREATE TABLE \(fixture.table) (id bigint);\n".utf8))
        #expect(try fixture.records()["1"]?.checksum == checksum)
    }

    @Test func directivesAndSessionSettingsReachTheServer() throws {
        let settings = """
            current_setting('application_name') AS app, current_setting('lock_timeout') AS lock_timeout,
                   current_setting('statement_timeout') AS statement_timeout,
                   current_setting('idle_in_transaction_session_timeout') AS idle_timeout,
                   current_setting('max_parallel_maintenance_workers') AS maintenance_workers,
                   current_setting('max_parallel_workers_per_gather') AS gather_workers
            """
        let fixture = try ApplyFixture([
            "0001_defaults.sql": "CREATE TABLE {t} AS SELECT 1 AS file, \(settings);\n",
            "0002_directives.sql": """
                -- onlineddl:lock-timeout=750ms
                -- onlineddl:statement-timeout=2m
                -- onlineddl:parallel-workers=3
                INSERT INTO {t} SELECT 2, \(settings);

                """,
        ])
        let output = try fixture.applyCLI()
        #expect(output.status == 0, "\(output.combined)")
        try fixture.write("0003_flag.sql", "INSERT INTO {t} SELECT 3, \(settings);\n")
        let flagged = try fixture.applyCLI(["--parallel-workers", "5"])
        #expect(flagged.status == 0, "\(flagged.combined)")

        let rows = try fixture.observer.query("SELECT * FROM \(fixture.table) ORDER BY file").rows
        let expected: [[String]] = [
            ["onlineddl", "2s", "0", "1min", "0", "0"],
            ["onlineddl", "750ms", "2min", "1min", "3", "3"],
            ["onlineddl", "2s", "0", "1min", "5", "5"],
        ]
        let columns = ["app", "lock_timeout", "statement_timeout", "idle_timeout", "maintenance_workers", "gather_workers"]
        #expect(try rows.map { row in try columns.map { try row.decode($0, as: String.self) } } == expected)
    }

    /// Migrations share one session, reset between files: nothing a file leaves in it
    /// reaches the next file, and the server starts one backend for all of them.
    @Test func whatAFileLeavesInItsSessionDoesNotReachTheNext() throws {
        let fixture = try ApplyFixture([
            "0001_dirty.sql": """
                SET statement_timeout = '5s';
                SET search_path = pg_catalog;
                CREATE TEMPORARY TABLE scratch (id int);
                SELECT pg_advisory_lock(4242);
                CREATE TABLE public.{t} (file int, backend int, statement_timeout text, search_path text);
                INSERT INTO public.{t} VALUES (1, pg_backend_pid(), current_setting('statement_timeout'), current_setting('search_path'));

                """,
            "0002_clean.sql": """
                CREATE TEMPORARY TABLE scratch (id int);
                INSERT INTO {t} VALUES (2, pg_backend_pid(), current_setting('statement_timeout'), current_setting('search_path'));
                INSERT INTO {t} SELECT 3, count(*)::int, NULL, NULL FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242;

                """,
        ])
        let output = try fixture.applyCLI()
        #expect(output.status == 0, "\(output.combined)")
        let rows = try fixture.observer.query("SELECT * FROM \(fixture.table) ORDER BY file").rows
        try #require(rows.count == 3)
        #expect(try rows[0].decode("statement_timeout", as: String.self) == "5s")
        #expect(try rows[1].decode("statement_timeout", as: String.self) == "0")
        #expect(try rows[1].decode("search_path", as: String.self) == "\"$user\", public")
        #expect(try rows[0].decode("backend", as: Int.self) == rows[1].decode("backend", as: Int.self))
        #expect(try rows[2].decode("backend", as: Int.self) == 0, "the advisory lock outlived its file")
    }

    @Test func inputErrorsStopBeforeAnythingRuns() throws {
        let fixture = try ApplyFixture([
            "0001_create.sql": "CREATE TABLE {t} (id int);\n",
            "0002_typo.sql": "-- onlineddl:lock-timout=1s\nALTER TABLE {t} ADD COLUMN a int;\n",
            "0003_begin.sql": "ALTER TABLE {t} ADD COLUMN b int;\nBEGIN;\n",
        ])
        let output = try fixture.applyCLI()
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError.contains("\(fixture.path("0002_typo.sql")):1:1: unknown directive onlineddl:lock-timout"))
        #expect(output.standardError.contains("\(fixture.path("0003_begin.sql")):2:1: BEGIN without COMMIT"))
        #expect(try fixture.columns().isEmpty)
        #expect(try !fixture.history.exists(on: fixture.observer))
    }
}
