import Foundation
import Testing
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing

@Suite("Migrations: Prisma, goose, sqlx and Supabase layouts")
struct OtherToolLayoutTests {
    private func read(_ fixture: String, as layout: MigrationLayout = .auto) throws -> MigrationDirectory {
        try MigrationDirectory(path: LayoutFixtures.path(fixture), layout: layout)
    }

    private func prepared(_ folder: MigrationDirectory) throws -> [PreparedMigration] {
        try folder.files.map { file throws(SQLSyntaxError) in try PreparedMigration(file: file) }
    }

    /// The error reading `text` as a goose file gives.
    private func gooseError(_ text: String) throws -> SQLSyntaxError? {
        let path = try LayoutFixtures.temporary(["1_a.sql": text])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try MigrationDirectory(path: path, layout: .goose)
        return folder.files[0].readError
    }

    @Test func prismaRunsMigrationScriptsInFolderOrderFromEitherFolder() throws {
        for fixture in ["prisma", "prisma/migrations"] {
            let folder = try read(fixture)
            #expect(folder.layout == .prisma)
            #expect(folder.files.map(\.version) == ["20240101120000", "20240102120000", "20240103120000"])
            #expect(folder.files.map { "\($0.version)_\($0.name)" } == ["20240101120000_create_accounts", "20240102120000_add_note", "20240103120000_add_mood"],
                    "version and name give the folder name, _prisma_migrations.migration_name")
            #expect(folder.files.allSatisfy { $0.path.hasSuffix("/migration.sql") && !$0.forcesNoTransaction })
            #expect(folder.ignored == [IgnoredMigrationPart(
                kind: .down, path: LayoutFixtures.path("prisma/migrations/20240102120000_add_note/down.sql"), reason: "Prisma down migration")])
        }
        let blocks = try prepared(try read("prisma"))[2]
        #expect(blocks.script.statements.map(\.nodeType) == ["TransactionStmt", "CreateEnumStmt", "TransactionStmt", "AlterTableStmt"])
    }

    @Test func prismaOrdersByFolderNameAsPrismaDoes() throws {
        let path = try LayoutFixtures.temporary([
            "migrations/migration_lock.toml": "provider = \"postgresql\"\n",
            "migrations/2_b/migration.sql": "SELECT 2;", "migrations/10_a/migration.sql": "SELECT 10;", "migrations/0_init/migration.sql": "SELECT 0;",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try MigrationDirectory(path: path).files.map(\.version) == ["0", "10", "2"], "byte order of the names, not numeric")
    }

    @Test func prismaRefusesAnotherProviderAndAFolderWithoutScript() throws {
        let mysql = try LayoutFixtures.temporary(["migration_lock.toml": "provider = \"mysql\"\n", "1_a/migration.sql": "SELECT 1;"])
        defer { try? FileManager.default.removeItem(atPath: mysql) }
        #expect(throws: MigrationInputError.otherDatabase("\(mysql)/migration_lock.toml", provider: "mysql")) {
            try MigrationDirectory(path: mysql, layout: .prisma)
        }
        #expect(MigrationInputError.otherDatabase("x/migration_lock.toml", provider: "mysql").description
            == "x/migration_lock.toml: provider = \"mysql\": these Prisma migrations are for another database; onlineddl applies PostgreSQL's (provider = \"postgresql\")")
        let empty = try LayoutFixtures.temporary(["migration_lock.toml": "provider = \"postgresql\"\n", "1_a/migration.sql": "SELECT 1;", "2_b/README.md": "x"])
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: MigrationInputError.missingMigrationScript("\(empty)/2_b")) { try MigrationDirectory(path: empty) }
    }

    @Test func gooseOrdersNumericallyCutsTheDownPartAndHonoursNoTransaction() throws {
        let folder = try read("goose")
        #expect(folder.layout == .goose)
        #expect(folder.files.map(\.version) == ["00001", "2", "10"])
        #expect(folder.files.map(\.canonicalVersion) == ["1", "2", "10"], "goose_db_version.version_id")
        let migrations = try prepared(folder)
        #expect(migrations.map { $0.script.statements.map(\.nodeType) } == [["CreateStmt"], ["InsertStmt", "UpdateStmt"], ["CreateFunctionStmt"]])
        #expect(migrations.map(\.directives.noTransaction) == [false, true, false])
        #expect(migrations[1].script.statements[1].location == SourceLocation(line: 4, column: 1))
        #expect(folder.ignored == [
            IgnoredMigrationPart(kind: .down, path: "\(folder.files[0].path):4", reason: "goose -- +goose Down part"),
            IgnoredMigrationPart(kind: .down, path: "\(folder.files[1].path):6", reason: "goose -- +goose Down part"),
        ])
    }

    @Test func gooseRefusesEnvsubAndUnbalancedStatementsAtTheirLine() throws {
        let envsub = try #require(try gooseError("-- +goose Up\n-- +goose ENVSUB ON\nSELECT '${X}';\n"))
        #expect(envsub.location == SourceLocation(line: 2, column: 1))
        #expect(envsub.message.contains("ENVSUB ON substitutes environment variables"))
        let unclosed = try #require(try gooseError("-- +goose Up\nSELECT 1;\n-- +goose StatementBegin\nSELECT 2;\n"))
        #expect(unclosed.location == SourceLocation(line: 3, column: 1))
        #expect(unclosed.message.contains("without -- +goose StatementEnd"))
        let stray = try #require(try gooseError("-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n"))
        #expect(stray.location == SourceLocation(line: 3, column: 1))
        let nested = try #require(try gooseError("-- +goose Up\n-- +goose StatementBegin\n-- +goose StatementBegin\n"))
        #expect(nested.location == SourceLocation(line: 3, column: 1))
        let early = try #require(try gooseError("SELECT 1;\n-- +goose Up\n"))
        #expect(early.location == SourceLocation(line: 1, column: 1))
        #expect(try gooseError("-- a comment\n")?.message.contains("no -- +goose Up") == true)
        #expect(try gooseError("-- +GOOSE UP\n")?.message.contains("no -- +goose Up") == true, "goose looks for +goose in lower case")
        #expect(try gooseError("  -- +goose Up\nSELECT 1;\n")?.location == SourceLocation(line: 1, column: 3))
        #expect(try gooseError("-- +goose Up\n-- +goose Sideways\n")?.message.contains("unknown goose annotation Sideways") == true)
        #expect(try gooseError("-- +goose UP\n--+goose statementbegin\nSELECT 1;\n-- +goose StatementEnd\n-- +goose ENVSUB OFF\n") == nil,
                "annotations in any case; ENVSUB OFF changes nothing")
        #expect(try gooseError("-- +goose Up\nSELECT '-- +goose Down';\n/* -- +goose Down */\n") == nil, "only comments are annotations")
    }

    @Test func gooseGoMigrationsAreErrorsNamingTheFile() throws {
        let path = try LayoutFixtures.temporary([
            "00001_a.sql": "-- +goose Up\nSELECT 1;\n", "00002_b.go": "package main\n", "main.go": "package main\n", "00003_c_test.go": "package main\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try MigrationDirectory(path: path)
        #expect(folder.layout == .goose)
        #expect(folder.files.map(\.version) == ["00001", "00002"])
        let error = try #require(folder.files[1].readError)
        #expect(error.file == "\(path)/00002_b.go")
        #expect(error.message.contains("a goose Go migration, which onlineddl cannot run"))
    }

    @Test func sqlxBesideCargoTomlRunsUpAndSimpleFilesNumerically() throws {
        let folder = try read("sqlx/migrations")
        #expect(folder.layout == .sqlx)
        #expect(folder.files.map(\.version) == ["1", "2", "10"])
        #expect(folder.files.map(\.forcesNoTransaction) == [false, true, false])
        #expect(folder.ignored == [IgnoredMigrationPart(
            kind: .down, path: LayoutFixtures.path("sqlx/migrations/1_create_accounts.down.sql"), reason: "sqlx down migration")])
        #expect(try prepared(folder).map(\.directives.noTransaction) == [false, true, false])
    }

    @Test func sqlxReadsNoTransactionOnlyAsTheFirstBytesAndVersionsAsI64() throws {
        let path = try LayoutFixtures.temporary([
            "1_a.sql": "\n-- no-transaction\nSELECT 1;", "2_b.sql": "-- no-transaction\nSELECT 2;", "3_c.up.sql": "SELECT 3;",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try MigrationDirectory(path: path)
        #expect(folder.layout == .sqlx, "a file starting with -- no-transaction shows sqlx")
        #expect(folder.files.map(\.forcesNoTransaction) == [false, true, false])
        let tooBig = try LayoutFixtures.temporary(["99999999999999999999_a.sql": "SELECT 1;"])
        defer { try? FileManager.default.removeItem(atPath: tooBig) }
        #expect(throws: MigrationInputError.badFileName("\(tooBig)/99999999999999999999_a.sql", .sqlx)) {
            try MigrationDirectory(path: tooBig, layout: .sqlx)
        }
    }

    @Test func supabaseIsReadFromTheProjectOrItsMigrationsFolderInNameOrder() throws {
        for fixture in ["supabase/supabase", "supabase/supabase/migrations"] {
            let folder = try read(fixture)
            #expect(folder.layout == .supabase)
            #expect(folder.files.map(\.version) == ["20240101120000", "20240102120000"])
            #expect(folder.files.allSatisfy { $0.path.contains("/supabase/migrations/") && !$0.forcesNoTransaction })
            #expect(folder.ignored.isEmpty)
        }
        let path = try LayoutFixtures.temporary([
            "supabase/config.toml": "", "supabase/migrations/20211201000000_init.sql": "SELECT 0;",
            "supabase/migrations/3_b.sql": "SELECT 3;", "supabase/migrations/30_a.sql": "SELECT 30;",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try MigrationDirectory(path: "\(path)/supabase")
        #expect(folder.files.map(\.version) == ["30", "3"], "byte order of the names, as the CLI lists them")
        #expect(folder.ignored.map(\.kind) == [.unsupported], "the deprecated first init file is skipped, as the CLI skips it")
    }

    @Test func autoRefusesAFolderWhoseFilesShowTwoOfTheNewLayouts() throws {
        let path = try LayoutFixtures.temporary([
            "1_a.sql": "-- +goose Up\nSELECT 1;\n", "2_b.sql": "-- migrate:up\nSELECT 2;\n", "3_c/migration.sql": "SELECT 3;",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: MigrationInputError.ambiguousLayout(path, [
            LayoutMatch(layout: .dbmate, names: ["2_b.sql"]), LayoutMatch(layout: .prisma, names: ["3_c"]), LayoutMatch(layout: .goose, names: ["1_a.sql"]),
        ])) { try MigrationDirectory(path: path) }
        let supabase = try LayoutFixtures.temporary(["supabase/migrations/1_a.sql": "SELECT 1;", "supabase/migrations/2_b.up.sql": "SELECT 2;"])
        defer { try? FileManager.default.removeItem(atPath: supabase) }
        #expect(throws: MigrationInputError.ambiguousLayout("\(supabase)/supabase/migrations", [
            LayoutMatch(layout: .golangMigrate, names: ["2_b.up.sql"]), LayoutMatch(layout: .supabase, names: ["1_a.sql"]),
        ])) { try MigrationDirectory(path: "\(supabase)/supabase/migrations") }
    }
}
