import Foundation
import Testing
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing
@testable import OnlineDDLSupport

@Suite("Migrations: migration layouts")
struct MigrationLayoutTests {
    private func read(_ fixture: String, as layout: MigrationLayout = .auto) throws -> MigrationDirectory {
        try MigrationDirectory(path: LayoutFixtures.path(fixture), layout: layout)
    }

    @Test func plainIsDetectedAndReadAsBefore() throws {
        let folder = try read("plain")
        #expect(folder.layout == .plain)
        #expect(folder.files.map(\.version) == ["0001", "2"])
        #expect(folder.files.map(\.name) == ["create_accounts", "add_note"])
        #expect(folder.ignored.isEmpty)
    }

    @Test func golangMigrateRunsUpFilesAndReportsDownFiles() throws {
        let folder = try read("golang-migrate")
        #expect(folder.layout == .golangMigrate)
        #expect(folder.files.map(\.version) == ["1", "2", "10"])
        #expect(folder.files.map(\.name) == ["create_accounts", "add_note", "index_note"])
        #expect(folder.files.map { ($0.path as NSString).lastPathComponent } == ["1_create_accounts.up.sql", "2_add_note.up.sql", "10_index_note.up.sql"])
        #expect(folder.ignored.map(\.kind) == [.down, .down])
        #expect(folder.ignored.map { ($0.path as NSString).lastPathComponent } == ["1_create_accounts.down.sql", "2_add_note.down.sql"])
    }

    @Test func flywayOrdersVersionsPartByPartAndReportsWhatItDoesNotRun() throws {
        let folder = try read("flyway")
        #expect(folder.layout == .flyway)
        #expect(folder.files.map(\.version) == ["1", "1_1", "1.2", "1.10", "2", "3"])
        #expect(folder.files.map(\.canonicalVersion) == ["1", "1.1", "1.2", "1.10", "2", "3"])
        #expect(folder.files.map(\.name) == ["create_accounts", "add_note", "add_email", "add_phone", "index_note", "add_city"])
        #expect(folder.files.last?.path == LayoutFixtures.path("flyway/later/V3__add_city.sql"), "subfolders are read, as Flyway reads them")
        let ignored = Dictionary(uniqueKeysWithValues: folder.ignored.map { (($0.path as NSString).lastPathComponent, $0) })
        #expect(ignored["U2__index_note.sql"]?.kind == .down)
        #expect(ignored["R__account_notes.sql"]?.kind == .unsupported)
        #expect(ignored["R__account_notes.sql"]?.reason.contains("repeatable") == true)
        #expect(ignored["beforeMigrate.sql"]?.reason.contains("callback") == true)
        #expect(ignored["V2__index_note.sql.conf"]?.reason.contains("-- onlineddl:no-transaction") == true)
        #expect(folder.ignored.count == 4)
    }

    @Test func dbmateRunsTheUpSectionOnlyAndHonoursTransactionFalse() throws {
        let folder = try read("dbmate")
        #expect(folder.layout == .dbmate)
        #expect(folder.files.map(\.version) == ["20240101120000", "20240102120000", "20240103120000"])
        let prepared = try folder.files.map { file throws(SQLSyntaxError) in try PreparedMigration(file: file) }
        #expect(prepared.map { $0.script.statements.map(\.nodeType) } == [
            ["CreateStmt"], ["UpdateStmt", "UpdateStmt"], ["AlterTableStmt"],
        ])
        #expect(prepared.map(\.directives.noTransaction) == [false, true, false])
        #expect(prepared[1].script.statements[1].location == SourceLocation(line: 3, column: 1))
        #expect(prepared[0].checksum == SHA256.hexDigest(folder.files[0].contents), "the checksum covers the whole file")
        #expect(folder.ignored == [
            IgnoredMigrationPart(kind: .down, path: "\(folder.files[0].path):4", reason: "dbmate -- migrate:down section"),
            IgnoredMigrationPart(kind: .down, path: "\(folder.files[1].path):5", reason: "dbmate -- migrate:down section"),
        ])
    }

    @Test func dieselReadsUpFilesOfVersionFoldersAndTheirMetadata() throws {
        let folder = try read("diesel")
        #expect(folder.layout == .diesel)
        #expect(folder.files.map(\.version) == ["00000000000000", "20240101120000", "20240102120000"])
        #expect(folder.files.map(\.name) == ["diesel_initial_setup", "create_accounts", "backfill_note"])
        #expect(folder.files.allSatisfy { $0.path.hasSuffix("/up.sql") })
        #expect(folder.files.map(\.forcesNoTransaction) == [false, false, true])
        #expect(folder.ignored.map { $0.path.hasSuffix("/down.sql") } == [true, true])
    }

    @Test func autoRefusesAFolderOfSeveralLayouts() throws {
        let path = LayoutFixtures.path("ambiguous")
        #expect(throws: MigrationInputError.ambiguousLayout(path, [
            LayoutMatch(layout: .plain, names: ["0001_create_accounts.sql"]),
            LayoutMatch(layout: .golangMigrate, names: ["2_add_note.up.sql"]),
            LayoutMatch(layout: .flyway, names: ["V3__add_email.sql"]),
        ])) { try MigrationDirectory(path: path) }
        let message = MigrationInputError.ambiguousLayout(path, [
            LayoutMatch(layout: .plain, names: ["a.sql", "b.sql", "c.sql", "d.sql"]), LayoutMatch(layout: .dbmate, names: ["e.sql"]),
        ]).description
        #expect(message == "\(path): names of more than one migration layout: plain (a.sql, b.sql, c.sql and 1 more); dbmate (e.sql); "
            + "pass --layout plain|dbmate (or set layout in onlineddl.toml), and move the files of the others out of the folder")
    }

    @Test func anExplicitLayoutRejectsNamesOfAnother() throws {
        #expect(throws: MigrationInputError.badFileName(LayoutFixtures.path("plain/0001_create_accounts.sql"), .flyway)) {
            try read("plain", as: .flyway)
        }
        #expect(throws: MigrationInputError.badFileName(LayoutFixtures.path("flyway/R__account_notes.sql"), .golangMigrate)) {
            try read("flyway", as: .golangMigrate)
        }
        #expect(throws: MigrationInputError.badFileName(LayoutFixtures.path("plain/0001_create_accounts.sql"), .diesel)) {
            try read("plain", as: .diesel)
        }
    }

    @Test func versionsOrderPartByPartAndOneVersionIsOneMigration() throws {
        let versions = ["10", "1.10", "2", "0001", "1_2", "1.2.1", "1.1"]
        #expect(versions.sorted(by: MigrationFile.numericOrder) == ["0001", "1.1", "1_2", "1.2.1", "1.10", "2", "10"])
        #expect(["0002", "2", "2.0", "2_0_0"].map(MigrationFile.canonical) == ["2", "2", "2", "2"])
        #expect(MigrationFile.canonical("000") == "0")
        let path = try LayoutFixtures.temporary(["V1__a.sql": "SELECT 1;", "V1.0__b.sql": "SELECT 2;"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: MigrationInputError.duplicateVersion("1", ["\(path)/V1.0__b.sql", "\(path)/V1__a.sql"])) {
            try MigrationDirectory(path: path)
        }
    }

    @Test func dieselFolderWithoutUpFileIsAnError() throws {
        let path = try LayoutFixtures.temporary(["2024-01-01-000000_a/up.sql": "SELECT 1;", "2024-01-02-000000_b/down.sql": "SELECT 2;"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: MigrationInputError.missingUpFile("\(path)/2024-01-02-000000_b")) { try MigrationDirectory(path: path) }
    }

    /// diesel runs only folders: a data script beside them (crates.io keeps one) is
    /// reported and not run; a file named like a migration there is an error.
    @Test func dieselReportsSQLFilesBesideItsFolders() throws {
        let path = try LayoutFixtures.temporary(["2024-01-01-000000_a/up.sql": "SELECT 1;", "data_oauth.sql": "SELECT 2;"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try MigrationDirectory(path: path)
        #expect(folder.layout == .diesel)
        #expect(folder.files.map(\.version) == ["20240101000000"])
        #expect(folder.ignored == [IgnoredMigrationPart(
            kind: .unsupported, path: "\(path)/data_oauth.sql",
            reason: "a file beside diesel's migration folders, which diesel does not run either")])
    }

    /// diesel sorts versions as strings: a version with diesel 2's `-0000` suffix (18
    /// digits) sorts among the 14-digit ones by its date, not after all of them.
    @Test func dieselOrdersVersionsAsStringsAsDieselDoes() throws {
        let path = try LayoutFixtures.temporary([
            "2025-11-19-091444-0000_a/up.sql": "SELECT 1;", "2026-05-27-120000_b/up.sql": "SELECT 2;",
            "2026-05-27-120000-0000_c/up.sql": "SELECT 3;", "2024-01-01-000000_d/up.sql": "SELECT 4;",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let folder = try MigrationDirectory(path: path)
        #expect(folder.layout == .diesel)
        #expect(folder.files.map(\.name) == ["d", "a", "b", "c"])
    }

    /// `plan FILE` reads a diesel `up.sql` or a Prisma `migration.sql` with the folder of
    /// migrations above its own folder; a file of a flat layout with its own folder.
    @Test func aFileIsReadWithTheMigrationFolderThatListsIt() throws {
        let path = try LayoutFixtures.temporary([
            "diesel/2024-01-01-000000_a/up.sql": "SELECT 1;", "diesel/2024-01-01-000000_a/down.sql": "SELECT 2;",
            "diesel/2024-01-02-000000_b/up.sql": "SELECT 3;",
            "prisma/migrations/migration_lock.toml": "provider = \"postgresql\"\n",
            "prisma/migrations/20240101000000_a/migration.sql": "SELECT 1;",
            "plain/0001_a.sql": "SELECT 1;", "plain/0002_b.sql": "SELECT 2;",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(MigrationDirectory.folder(holding: "\(path)/diesel/2024-01-02-000000_b/up.sql", layout: .auto) == "\(path)/diesel")
        #expect(MigrationDirectory.folder(holding: "\(path)/diesel/2024-01-01-000000_a/down.sql", layout: .auto) == "\(path)/diesel")
        #expect(MigrationDirectory.folder(holding: "\(path)/prisma/migrations/20240101000000_a/migration.sql", layout: .auto)
            == "\(path)/prisma/migrations")
        #expect(MigrationDirectory.folder(holding: "\(path)/plain/0002_b.sql", layout: .auto) == "\(path)/plain")
        #expect(MigrationDirectory.folder(holding: "\(path)/plain/README.md", layout: .auto) == "\(path)/plain")
    }

    @Test func dieselMetadataOfTheWrongTypeNamesTheFileAndKey() throws {
        let path = try LayoutFixtures.temporary(["2024-01-01-000000_a/up.sql": "SELECT 1;", "2024-01-01-000000_a/metadata.toml": "run_in_transaction = \"no\"\n"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: MigrationInputError.badMetadata(ConfigurationError(
            path: "\(path)/2024-01-01-000000_a/metadata.toml", key: "run_in_transaction", message: "expected true or false, found a string"))) {
            try MigrationDirectory(path: path)
        }
    }
}
