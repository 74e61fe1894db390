import Testing
@testable import OnlineDDLAdoption
@testable import OnlineDDLMigrations
@testable import OnlineDDLSupport

@Suite("Adoption: matching another tool's history, and baselines, to the folder")
struct AdoptionPlanTests {
    static func migration(_ version: String, _ sql: String = "SELECT 1;\n") throws -> PreparedMigration {
        try PreparedMigration(file: MigrationFile(version: version, name: "m\(version)", path: "db/\(version)_m.sql", contents: Array(sql.utf8)))
    }

    static func record(_ migration: PreparedMigration, complete: Bool = true) -> HistoryRecord {
        HistoryRecord(
            version: migration.file.canonicalVersion, name: migration.file.name, checksum: migration.checksum,
            appliedAt: "2024-01-01T00:00:00Z", durationMilliseconds: 0, attempts: 1, lockWaitMilliseconds: 0,
            statementsApplied: complete ? 1 : 0, statementsTotal: 1)
    }

    @Test func recordsWhatTheToolAppliedAndLeavesTheRestPending() throws {
        let migrations = try ["1", "2", "3"].map { try Self.migration($0) }
        var history = ForeignHistory(source: .dbmate)
        history.applied = [ForeignMigration(version: "1", row: "version 1"), ForeignMigration(version: "02", row: "version 02", appliedAt: "2024-01-02T00:00:00Z")]
        let plan = AdoptionPlan(adopting: history, migrations: migrations, records: [:])
        #expect(plan.origin == .adopted(.dbmate))
        #expect(plan.recorded.map(\.version) == ["1", "2"])
        #expect(plan.recorded.map(\.appliedAt) == [nil, "2024-01-02T00:00:00Z"])
        #expect(plan.recorded[0].checksum == migrations[0].checksum, "today's file's checksum")
        #expect(plan.pending == ["3"])
        #expect(plan.problems.isEmpty && plan.changed.isEmpty)
    }

    @Test func aSecondRunRecordsNothing() throws {
        let migrations = try ["1", "2"].map { try Self.migration($0) }
        let history = GolangMigrateHistory.history([.init(version: "2", dirty: false)])
        let first = AdoptionPlan(adopting: history, migrations: migrations, records: [:])
        #expect(first.recorded.map(\.version) == ["1", "2"])
        let records = Dictionary(uniqueKeysWithValues: migrations.map { ($0.file.canonicalVersion, Self.record($0)) })
        let second = AdoptionPlan(adopting: history, migrations: migrations, records: records)
        #expect(second.recorded.isEmpty)
        #expect(second.alreadyRecorded == ["1", "2"])
    }

    @Test func aDirtyVersionSaysWhichVersionToForceBackTo() throws {
        let migrations = try ["1", "5", "42"].map { try Self.migration($0) }
        let dirty = GolangMigrateHistory.history([.init(version: "42", dirty: true)])
        let plan = AdoptionPlan(adopting: dirty, migrations: migrations, records: [:])
        #expect(plan.problems == [.dirty(version: "42", previous: "5")])
        #expect(plan.problems[0].description.contains("`migrate force 42` if it is now fully applied, or `migrate force 5` if you undid it"))
        let first = AdoptionPlan(adopting: GolangMigrateHistory.history([.init(version: "1", dirty: true)]), migrations: migrations, records: [:])
        #expect(first.problems == [.dirty(version: "1", previous: "-1")])
    }

    @Test func aVersionOnlineddlPartlyAppliedThatTheToolAppliedIsRefused() throws {
        let migrations = [try Self.migration("1")]
        var history = ForeignHistory(source: .dbmate)
        history.applied = [ForeignMigration(version: "1", row: "version 1")]
        let plan = AdoptionPlan(adopting: history, migrations: migrations, records: ["1": Self.record(migrations[0], complete: false)])
        #expect(plan.problems.count == 1)
        #expect(plan.problems[0].description.contains("partly applied by onlineddl (0 of 1 statements), though dbmate applied it too"))
    }

    @Test func aVersionWithoutAFileIsRefusedByName() throws {
        let migrations = [try Self.migration("1")]
        var history = ForeignHistory(source: .diesel)
        history.applied = [ForeignMigration(version: "1", row: "version 1"), ForeignMigration(version: "7", row: "version 7")]
        let plan = AdoptionPlan(adopting: history, migrations: migrations, records: [:])
        #expect(plan.problems == [.noFile(.diesel, row: "version 7", version: "7")])
        #expect(plan.problems[0].description.contains("no file of the folder has version 7"))
        let golang = AdoptionPlan(adopting: GolangMigrateHistory.history([.init(version: "5", dirty: false)]), migrations: migrations, records: [:])
        #expect(golang.problems == [.noFile(.golangMigrate, row: "version 5", version: "5")])
    }

    @Test func aFlywayBaselineCoversTheVersionsUpToIt() throws {
        let migrations = try ["1", "1.1", "2", "3"].map { try Self.migration($0) }
        var history = ForeignHistory(source: .flyway)
        history.appliedThrough = ForeignBaseline(version: "1.5", row: "installed_rank 1", requiresFile: false)
        history.applied = [ForeignMigration(version: "2", row: "installed_rank 2", checksum: .flywayCRC32(ForeignChecksum.flywayChecksum(migrations[2].file.contents)))]
        let plan = AdoptionPlan(adopting: history, migrations: migrations, records: [:])
        #expect(plan.problems.isEmpty)
        #expect(plan.recorded.map(\.version) == ["1", "1.1", "2"])
        #expect(plan.pending == ["3"])
    }

    @Test func aFileChangedSinceTheToolAppliedItIsReported() throws {
        let migrations = [try Self.migration("1", "SELECT 2;\n")]
        var history = ForeignHistory(source: .sqlx)
        let applied = ForeignChecksum.hex(SHA384.digest(Array("SELECT 1;\n".utf8)))
        history.applied = [ForeignMigration(version: "1", row: "version 1", checksum: .sqlxSHA384(applied))]
        let plan = AdoptionPlan(adopting: history, migrations: migrations, records: [:])
        #expect(plan.changed == [AdoptionChange(
            version: "1", file: "db/1_m.sql", recorded: applied, current: ForeignChecksum.hex(SHA384.digest(Array("SELECT 2;\n".utf8))))])
        #expect(AdoptionFailure.changed(.sqlx, plan.changed).description.contains("--allow-changed"))
    }

    @Test func baselineRecordsUpToTheVersion() throws {
        let migrations = try ["1", "2", "3"].map { try Self.migration($0) }
        let plan = AdoptionPlan(baselineAt: "0002", migrations: migrations, records: [:])
        #expect(plan.origin == .baseline)
        #expect(plan.recorded.map(\.version) == ["1", "2"])
        #expect(plan.pending == ["3"])
        let again = AdoptionPlan(baselineAt: "2", migrations: migrations, records: ["1": Self.record(migrations[0]), "2": Self.record(migrations[1])])
        #expect(again.recorded.isEmpty && again.problems.isEmpty)
    }

    @Test func baselineRefusesAnUnknownVersionAndAHistoryBeyondOrConflicting() throws {
        let migrations = try ["1", "2", "3"].map { try Self.migration($0) }
        #expect(AdoptionPlan(baselineAt: "9", migrations: migrations, records: [:]).problems == [.noBaselineFile(version: "9")])
        let beyond = AdoptionPlan(baselineAt: "2", migrations: migrations, records: ["3": Self.record(migrations[2])])
        #expect(beyond.problems == [.recordedBeyondBaseline(version: "3", baseline: "2")])
        let partial = AdoptionPlan(baselineAt: "2", migrations: migrations, records: ["1": Self.record(migrations[0], complete: false)])
        #expect(partial.problems.count == 1)
        #expect(partial.problems[0].description.contains("partly applied (0 of 1 statements)"))
    }
}

@Suite("Adoption: a tool that records whole names")
struct AdoptionNameTests {
    @Test func aPrismaMigrationOfAnotherNameIsNotTheFolders() throws {
        let migrations = [try AdoptionPlanTests.migration("20240101000000")]
        let history = PrismaHistory.history([.init(
            id: "1", checksum: SHA256.hexDigest(migrations[0].file.contents), finishedAt: "2024-01-01T00:00:00Z",
            migrationName: "20240101000000_renamed", rolledBackAt: nil, startedAt: "2024-01-01T00:00:00Z")])
        let plan = AdoptionPlan(adopting: history, migrations: migrations, records: [:])
        #expect(plan.problems == [.otherName(.prisma, row: "migration 20240101000000_renamed", file: "20240101000000_m20240101000000")])
        let named = PrismaHistory.history([.init(
            id: "1", checksum: SHA256.hexDigest(migrations[0].file.contents), finishedAt: "2024-01-01T00:00:00Z",
            migrationName: "20240101000000_m20240101000000", rolledBackAt: nil, startedAt: "2024-01-01T00:00:00Z")])
        #expect(AdoptionPlan(adopting: named, migrations: migrations, records: [:]).recorded.count == 1)
    }
}
