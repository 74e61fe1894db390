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
}
