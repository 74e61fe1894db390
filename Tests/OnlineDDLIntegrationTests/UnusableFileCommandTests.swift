import Foundation
import OnlineDDL
import Testing

/// One bad file never hides the others (`plan` reports it as a finding among the plan of
/// the rest, `apply` names every one), `plan FILE…` lints just the files a change touched,
/// a folder without a migration is an error, and empty, comment-only and BOM files are
/// ordinary migrations.
@Suite("Integration: unusable, empty and BOM files; plan FILE…", .serialized)
struct UnusableFileCommandTests {
    private func folder(_ files: [String: String]) throws -> String {
        try TemporaryFolder.create(files, prefix: "unusable")
    }

    /// Twenty good files and a syntax error in the eleventh of twenty-one: the first creates
    /// tables and an index, the eighteen from the second to the twentieth each create an
    /// index that `require-concurrent-index` flags, and the twenty-first adds a foreign key
    /// whose index the first file created.
    private func twentyGoodAndOneBroken() throws -> String {
        var files = [
            "0001_tables.sql": """
                CREATE TABLE parents (id int PRIMARY KEY);
                CREATE TABLE kids (id int, parent_id int);
                CREATE INDEX kids_parent_idx ON kids (parent_id);
                """,
            "0011_broken.sql": "SELECT 1;\nALTER TABLE t ADD COLUMN;\n",
            "0021_fk.sql": "ALTER TABLE kids ADD CONSTRAINT kids_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID;\n",
        ]
        for number in 2...20 where number != 11 {
            files[String(format: "%04d_index%d.sql", number, number)] = "CREATE INDEX t\(number)_a_idx ON t\(number) (a);\n"
        }
        return try folder(files)
    }

    private static let indexFiles = (2...20).filter { $0 != 11 }.map { String(format: "%04d_index%d.sql", $0, $0) }

    @Test func aBrokenFileAmongTwentyIsAnErrorFindingInEveryFormatAndTheOthersArePlanned() throws {
        let path = try twentyGoodAndOneBroken()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let broken = "\(path)/0011_broken.sql"
        let syntaxError = "syntax error at or near \";\""

        let text = try CLI.run(["plan", path, "--offline"])
        #expect(text.status == 2, "\(text.combined)")
        #expect(text.standardError == "onlineddl: error: \(broken):2:25: \(syntaxError)\n")
        #expect(text.standardOutput.contains("0011_broken (\(broken)): cannot be planned\n      \(broken):2:25: error: \(syntaxError) [syntax-error]\n"))
        for file in Self.indexFiles {
            #expect(text.standardOutput.contains("\(path)/\(file):1:1: warning: "), "\(file)")
        }
        #expect(text.standardOutput.contains("21 migration(s): 1 error(s), 18 warning(s), 0 note(s)"), "\(text.standardOutput)")

        let json = try CLI.run(["plan", path, "--offline", "--format", "json"])
        #expect(json.status == 2)
        let plan = try JSONDecoder().decode(MigrationPlan.self, from: Data(json.standardOutput.utf8))
        #expect(plan.migrations.count == 21)
        #expect(plan.migrations.map(\.planned) == (1...21).map { $0 != 11 })
        let error = try #require(plan.migrations[10].findings.first)
        #expect((error.rule, error.severity, error.line, error.column, error.message) == ("syntax-error", .error, 2, 25, syntaxError))
        #expect(plan.migrations[10].statements.isEmpty)
        #expect(plan.allFindings.filter { $0.finding.rule == "require-concurrent-index" }.map(\.file) == Self.indexFiles.map { "\(path)/\($0)" })
        // The file after the broken one still sees the first file's index.
        #expect(plan.migrations[20].statements.flatMap(\.findings).map(\.rule) == [])

        let github = try CLI.run(["plan", path, "--offline", "--format", "github"])
        #expect(github.status == 2)
        let lines = github.standardOutput.split(separator: "\n")
        #expect(lines.contains("::error file=\(broken),line=2,col=25,title=onlineddl syntax-error::\(syntaxError)"))
        #expect(lines.filter { $0.hasPrefix("::warning file=\(path)/") && $0.contains("require-concurrent-index") }.count == 18)
    }

    @Test func namedFilesArePlannedWithTheRestOfTheirFolderAsHistory() throws {
        let path = try twentyGoodAndOneBroken()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let named = try CLI.run(["plan", "\(path)/0021_fk.sql", "\(path)/0002_index2.sql", "--offline", "--format", "json"])
        #expect(named.status == 0, "\(named.combined)")
        let plan = try JSONDecoder().decode(MigrationPlan.self, from: Data(named.standardOutput.utf8))
        #expect(plan.migrations.map(\.version) == ["0002", "0021"])
        #expect(plan.allFindings.map(\.finding.rule) == ["require-concurrent-index"])

        // Alone in its folder, the foreign key has no index: the history made the difference.
        let alone = try folder(["0021_fk.sql": try String(contentsOfFile: "\(path)/0021_fk.sql", encoding: .utf8)])
        defer { try? FileManager.default.removeItem(atPath: alone) }
        let withoutHistory = try CLI.run(["plan", "\(alone)/0021_fk.sql", "--offline", "--format", "json"])
        let lonePlan = try JSONDecoder().decode(MigrationPlan.self, from: Data(withoutHistory.standardOutput.utf8))
        #expect(lonePlan.allFindings.map(\.finding.rule) == ["foreign-key-without-index"])

        // A folder and one of its files: the whole folder, the broken file included.
        let mixed = try CLI.run(["plan", "\(path)/0002_index2.sql", path, "--offline", "--format", "json"])
        #expect(mixed.status == 2)
        #expect(try JSONDecoder().decode(MigrationPlan.self, from: Data(mixed.standardOutput.utf8)).migrations.count == 21)

        try Data("notes".utf8).write(to: URL(fileURLWithPath: "\(path)/README.md"))
        let stray = try CLI.run(["plan", "\(path)/README.md", "--offline"])
        #expect(stray.status == 2)
        #expect(stray.standardError.hasPrefix("onlineddl: error: \(path)/README.md: not a migration of \(path) as the plain layout reads it"))
        #expect(stray.standardOutput.isEmpty)
    }

    /// A diesel `up.sql` (or a Prisma `migration.sql`) is in a folder of its own: `plan FILE`
    /// reads it with the folder of migration folders above, its earlier migrations as history.
    @Test func aFileOfAFolderPerMigrationLayoutIsPlannedWithTheFoldersAbove() throws {
        let path = try folder([
            "2024-01-01-000000_tables/up.sql": "CREATE TABLE parents (id int PRIMARY KEY);\nCREATE TABLE kids (id int, parent_id int);\n"
                + "CREATE INDEX kids_parent_idx ON kids (parent_id);\n",
            "2024-01-01-000000_tables/down.sql": "DROP TABLE kids, parents;\n",
            "2024-01-02-000000_fk/up.sql": "ALTER TABLE kids ADD CONSTRAINT kids_parent_fk FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID;\n",
            "2024-01-02-000000_fk/down.sql": "ALTER TABLE kids DROP CONSTRAINT kids_parent_fk;\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let named = try CLI.run(["plan", "\(path)/2024-01-02-000000_fk/up.sql", "--offline", "--format", "json"])
        #expect(named.status == 0, "\(named.combined)")
        let plan = try JSONDecoder().decode(MigrationPlan.self, from: Data(named.standardOutput.utf8))
        #expect(plan.migrations.map(\.version) == ["20240102000000"])
        #expect(plan.allFindings.isEmpty, "the first migration's index covers the foreign key")

        let down = try CLI.run(["plan", "\(path)/2024-01-02-000000_fk/down.sql", "--offline"])
        #expect(down.status == 2)
        #expect(down.standardError.contains("\(path)/2024-01-02-000000_fk/down.sql: diesel down migration; plan reads only the migrations that run"))
    }

    @Test func applyNamesEveryUnusableFileAndRunsNothing() throws {
        let fixture = try ApplyFixture([
            "0001_create.sql": "CREATE TABLE {t} (id int);\n",
            "0002_bad.sql": "ALTER TABLE {t} ADD COLUMN;\n",
            "0003_good.sql": "ALTER TABLE {t} ADD COLUMN c int;\n",
        ], prefix: "unusable")
        try Data([0x53, 0x45, 0x4C, 0x00]).write(to: URL(fileURLWithPath: fixture.path("0004_blob.sql")))
        let output = try fixture.applyCLI()
        #expect(output.status == 2, "\(output.combined)")
        #expect(output.standardError == """
            onlineddl: error: \(fixture.path("0002_bad.sql")):1:\(fixture.table.count + 24): syntax error at or near ";"
            onlineddl: error: \(fixture.path("0004_blob.sql")):1:4: file contains a NUL byte; is it a binary file?

            """)
        #expect(try fixture.columns().isEmpty)
        #expect(try !fixture.history.exists(on: fixture.observer))
    }

    @Test func aFolderWithoutMigrationsIsAnErrorThatSaysWhatItHolds() throws {
        // A folder of a tool onlineddl does not read: one subfolder per change, named without a version.
        let path = try folder(["sqitch.toml": "[core]\nengine = \"pg\"\n"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        for name in ["init", "add_note"] {
            try FileManager.default.createDirectory(atPath: "\(path)/\(name)", withIntermediateDirectories: false)
            try Data("CREATE TABLE a (id int);\n".utf8).write(to: URL(fileURLWithPath: "\(path)/\(name)/deploy.sql"))
        }
        let url = try TestDatabase.url()
        let history = ["--history-table", "onlineddl.\(TestDatabase.uniqueName("history"))"]
        for arguments in [["apply", path, "--database-url", url] + history, ["status", path, "--database-url", url] + history,
                          ["plan", path, "--offline"], ["plan", path, "--database-url", url] + history] {
            let output = try CLI.run(arguments)
            #expect(output.status == 2, "\(arguments): \(output.combined)")
            #expect(output.standardError.hasPrefix(
                "onlineddl: error: \(path): no migration found; no name fits a layout onlineddl reads "
                    + "(tried plain, golang-migrate, flyway, dbmate, diesel, prisma, goose, sqlx, supabase) and the folder holds 1 file (1 .toml) "
                    + "and 2 subfolders (holding 2 files, 2 of them .sql). "), "\(arguments): \(output.standardError)")
            #expect(output.standardOutput.isEmpty, "\(arguments)")
        }
        let asGolangMigrate = try CLI.run(["plan", path, "--offline", "--layout", "golang-migrate"])
        #expect(asGolangMigrate.status == 2)
        #expect(asGolangMigrate.standardError.contains("no migration found as golang-migrate names them"))
    }

    @Test func emptyCommentOnlyAndBOMFilesAreAppliedAndRecorded() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let fixture = try ApplyFixture([
            "0001_create.sql": "CREATE TABLE {t} (id int);\n",
            "0002_empty.sql": "",
            "0003_comments.sql": "-- nothing yet\n/* still nothing */\n;\n\n",
        ], prefix: "noop")
        let bomFile = bom + Array("ALTER TABLE \(fixture.table) ADD COLUMN c int;\n".utf8)
        try Data(bomFile).write(to: URL(fileURLWithPath: fixture.path("0004_bom.sql")))

        let plan = try CLI.run(["plan", fixture.folder, "--offline"])
        #expect(plan.status == 0, "\(plan.combined)")
        #expect(plan.standardOutput.contains("0002_empty (\(fixture.path("0002_empty.sql"))): no statement (a no-op: apply only records it)"))
        #expect(plan.standardOutput.contains("\(fixture.path("0003_comments.sql")):1:1: info: the file has no SQL statement"))
        #expect(plan.standardOutput.contains("  1:1  ALTER TABLE \(fixture.table) ADD COLUMN c int\n"), "\(plan.standardOutput)")
        #expect(plan.standardOutput.contains("4 migration(s): 0 error(s), 0 warning(s), 2 note(s)"))

        let output = try fixture.applyCLI()
        #expect(output.status == 0, "\(output.combined)")
        #expect(output.standardOutput.contains("0002 empty: no statement (a no-op), only recorded in the history table\n"))
        #expect(output.standardOutput.contains("0004 bom: 1 statement, in one transaction\n"), "\(output.standardOutput)")
        #expect(try fixture.columns() == ["id", "c"])
        let records = try fixture.records()
        #expect(records.keys.sorted() == ["1", "2", "3", "4"])
        #expect([records["2"]?.statementsTotal, records["3"]?.statementsTotal] == [0, 0])
        #expect(records["4"]?.checksum == SHA256.hexDigest(bomFile))
        let status = try CLI.run(["status", fixture.folder, "--database-url", TestDatabase.url(), "--history-table", fixture.history.description])
        #expect(status.status == 0, "\(status.combined)")
        #expect(status.standardOutput.contains("history table \(fixture.history): 4 applied, 0 pending"), "\(status.standardOutput)")
        let again = try fixture.applyCLI()
        #expect(again.status == 0, "\(again.combined)")
        #expect(try fixture.records()["2"]?.appliedAt == records["2"]?.appliedAt)
    }
}
