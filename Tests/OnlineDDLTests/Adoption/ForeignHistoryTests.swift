import Testing
@testable import OnlineDDLAdoption
@testable import OnlineDDLMigrations
@testable import OnlineDDLPostgres

@Suite("Adoption: each tool's rows read as that tool reads them")
struct ForeignHistoryTests {
    @Test func golangMigrateAppliesEverythingUpToItsCurrentVersion() {
        let history = GolangMigrateHistory.history([.init(version: "2", dirty: false)])
        #expect(history.appliedThrough == ForeignBaseline(version: "2", row: "version 2", requiresFile: true))
        #expect(history.problems.isEmpty)
        #expect(GolangMigrateHistory.history([]) == ForeignHistory(source: .golangMigrate))
    }

    @Test func golangMigrateDirtyIsRefusedWithWhatToDo() {
        let history = GolangMigrateHistory.history([.init(version: "42", dirty: true)])
        #expect(history.problems == [.dirty(version: "42")])
        #expect(history.appliedThrough == nil)
        #expect(history.problems[0].description.contains("version 42 is marked dirty"))
        #expect(history.problems[0].description.contains("`migrate force 42`"))
        #expect(GolangMigrateHistory.history([.init(version: "1", dirty: false), .init(version: "2", dirty: false)]).problems.count == 1)
    }

    @Test func gooseTakesTheLatestRowOfEachVersionAndSkipsItsVersionZero() {
        let history = GooseHistory.history([
            .init(id: 1, versionID: "0", isApplied: true, appliedAt: "2024-01-01T00:00:00Z"),
            .init(id: 2, versionID: "1", isApplied: true, appliedAt: "2024-01-02T00:00:00Z"),
            .init(id: 3, versionID: "2", isApplied: true, appliedAt: "2024-01-03T00:00:00Z"),
            .init(id: 4, versionID: "2", isApplied: false, appliedAt: "2024-01-04T00:00:00Z"),
            .init(id: 5, versionID: "3", isApplied: false, appliedAt: "2024-01-05T00:00:00Z"),
            .init(id: 6, versionID: "3", isApplied: true, appliedAt: "2024-01-06T00:00:00Z"),
        ])
        #expect(history.applied.map(\.version) == ["1", "3"])
        #expect(history.applied.map(\.appliedAt) == ["2024-01-02T00:00:00Z", "2024-01-06T00:00:00Z"])
    }

    @Test func sqlxRefusesAFailedRowAndKeepsTheChecksums() {
        let history = SqlxHistory.history([
            .init(version: "1", description: "create", installedOn: "2024-01-01T00:00:00Z", success: true, checksum: "ab"),
            .init(version: "2", description: "note", installedOn: "2024-01-02T00:00:00Z", success: false, checksum: "cd"),
        ])
        #expect(history.applied == [ForeignMigration(version: "1", row: "version 1 (create)", appliedAt: "2024-01-01T00:00:00Z", checksum: .sqlxSHA384("ab"))])
        #expect(history.problems == [.failed(.sqlx, row: "version 2 (note)", version: "2")])
        #expect(history.problems[0].description.contains("DELETE FROM _sqlx_migrations WHERE version = 2"))
    }

    @Test func flywayReadsBaselinesUndoesDeletesAndFailures() {
        func row(_ rank: Int, _ version: String?, _ type: String, checksum: Int32? = nil, success: Bool = true) -> FlywayHistory.Row {
            .init(installedRank: rank, version: version, type: type, script: "V\(version ?? "")__x.sql", checksum: checksum,
                  installedOn: "2024-01-0\(rank)T00:00:00Z", success: success)
        }
        let history = FlywayHistory.history([
            row(0, nil, "SCHEMA"),
            row(1, "1", "BASELINE"),
            row(2, "1.1", "SQL", checksum: 7),
            row(3, nil, "SQL", checksum: 8),
            row(4, "2", "SQL", checksum: 9),
            row(5, "2", "UNDO_SQL"),
            row(6, "3", "JDBC"),
            row(7, "4", "SQL", checksum: 10, success: false),
        ])
        #expect(history.appliedThrough?.version == "1")
        #expect(history.appliedThrough?.requiresFile == false)
        #expect(history.applied.map(\.version) == ["1.1", "3"])
        #expect(history.applied[0].checksum == .flywayCRC32(7))
        #expect(history.applied[1].checksum == nil, "JDBC migrations have no file checksum")
        #expect(history.problems == [.failed(.flyway, row: "installed_rank 7 (version 4, V4__x.sql)", version: "4")])
        #expect(history.problems[0].description.contains("flyway repair"))
    }

    @Test func prismaAppliesAFinishedRowAndRefusesUnfinishedAndRolledBackOnes() {
        func row(_ id: String, _ name: String, finished: String?, rolledBack: String? = nil) -> PrismaHistory.Row {
            .init(id: id, checksum: "c\(id)", finishedAt: finished, migrationName: name, rolledBackAt: rolledBack, startedAt: "2024-01-0\(id)T00:00:00Z")
        }
        let history = PrismaHistory.history([
            row("1", "20240101000000_init", finished: "2024-01-01T00:00:01Z"),
            row("2", "20240102000000_note", finished: nil, rolledBack: "2024-01-02T00:00:05Z"),
            row("3", "20240102000000_note", finished: "2024-01-03T00:00:01Z"),
            row("4", "20240104000000_email", finished: nil),
            row("5", "20240105000000_phone", finished: "2024-01-05T00:00:01Z", rolledBack: "2024-01-05T00:00:09Z"),
        ])
        #expect(history.applied.map(\.version) == ["20240101000000", "20240102000000"], "a rolled-back attempt redone later is applied")
        #expect(history.applied[1].checksum == .prismaSHA256("c3"))
        #expect(history.applied[1].appliedAt == "2024-01-03T00:00:01Z")
        #expect(history.problems == [
            .unfinished(row: "migration 20240104000000_email (id 4, started 2024-01-04T00:00:00Z)", name: "20240104000000_email"),
            .rolledBack(row: "migration 20240105000000_phone", name: "20240105000000_phone"),
        ])
        #expect(history.problems[0].description.contains("prisma migrate resolve --applied 20240104000000_email"))
    }

    @Test func dbmateAndDieselRowsAreAppliedVersions() {
        #expect(DbmateHistory.history(versions: ["20240101120000"]).applied.map(\.version) == ["20240101120000"])
        let diesel = DieselHistory.history([.init(version: "20240101120000", runOn: "2024-01-01T12:00:00Z")])
        #expect(diesel.applied == [ForeignMigration(version: "20240101120000", row: "version 20240101120000", appliedAt: "2024-01-01T12:00:00Z")])
    }

    @Test func dbmateIsNotGolangMigratesTableOfTheSameName() {
        #expect(AdoptionSource.dbmate.fits(columns: ["version"]))
        #expect(!AdoptionSource.dbmate.fits(columns: ["version", "dirty"]))
        #expect(AdoptionSource.golangMigrate.fits(columns: ["version", "dirty"]))
        #expect(!AdoptionSource.golangMigrate.fits(columns: ["version"]))
    }

    @Test func originsRoundTripThroughTheColumnText() {
        for origin in AdoptionSource.allCases.map(HistoryOrigin.adopted) + [.baseline] {
            #expect(HistoryOrigin(stored: origin.stored) == origin)
        }
        #expect(HistoryOrigin(stored: "adopted:liquibase") == nil)
    }
}
