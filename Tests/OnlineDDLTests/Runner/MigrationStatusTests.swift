import Foundation
import Testing
@testable import OnlineDDLMigrations
@testable import OnlineDDLRunner

@Suite("Runner: migration status")
struct MigrationStatusTests {
    /// coreutils sha256sum of "SELECT 1;\n" and of "SELECT 2;\n".
    static let selectOneChecksum = "b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd"
    static let selectTwoChecksum = "a41109d24069b4822ddc5f367b25d484dc7e839bff338ce7a3e5da641caacda0"

    static func file(_ version: String, _ name: String, _ text: String) -> MigrationFile {
        MigrationFile(version: version, name: name, path: "db/\(version)_\(name).sql", contents: Array(text.utf8))
    }

    static func record(_ version: String, checksum: String, applied: Int = 1, of total: Int = 1) -> HistoryRecord {
        HistoryRecord(
            version: version, name: "recorded_\(version)", checksum: checksum, appliedAt: "2024-05-01T12:00:00Z",
            durationMilliseconds: 120, attempts: 1, lockWaitMilliseconds: 0, statementsApplied: applied,
            statementsTotal: total)
    }

    static let status = MigrationStatus(
        migrations: [
            file("0001", "applied", "SELECT 1;\n"),
            file("2", "pending", "SELECT 2;\n"),
            file("3", "partial", "SELECT 1;\n"),
            file("4", "changed", "SELECT 2;\n"),
            file("5", "changed_and_partial", "SELECT 2;\n"),
        ],
        records: [
            "1": record("1", checksum: selectOneChecksum),
            "3": record("3", checksum: selectOneChecksum, applied: 1, of: 3),
            "4": record("4", checksum: selectOneChecksum),
            "5": record("5", checksum: selectOneChecksum, applied: 2, of: 3),
            "10": record("10", checksum: selectTwoChecksum),
            "9": record("9", checksum: selectTwoChecksum),
        ],
        historyTable: HistoryTable(schema: "ops", name: "migrations"))

    @Test func comparesEveryFileWithItsRecord() {
        let entries = Self.status.entries
        #expect(entries.map(\.version) == ["0001", "2", "3", "4", "5", "9", "10"])
        #expect(entries.map(\.state) == [.applied, .pending, .partial, .changed, .changed, .missingFile, .missingFile])
        #expect(entries.map(\.file) == [
            "db/0001_applied.sql", "db/2_pending.sql", "db/3_partial.sql", "db/4_changed.sql",
            "db/5_changed_and_partial.sql", nil, nil,
        ])
        #expect(entries[0].record?.version == "1")
        #expect(entries[1].record == nil)
        #expect(entries[5].name == "recorded_9")
        #expect(Self.status.historyTable == "ops.migrations")
    }

    @Test func countsEachState() {
        #expect(Self.status.count(.applied) == 1)
        #expect(Self.status.count(.pending) == 1)
        #expect(Self.status.count(.partial) == 1)
        #expect(Self.status.count(.changed) == 2)
        #expect(Self.status.count(.missingFile) == 2)
    }

    @Test func encodesStatesInSnakeCase() throws {
        let data = try JSONEncoder().encode(Self.status)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["history_table"] as? String == "ops.migrations")
        let migrations = try #require(object["migrations"] as? [[String: Any]])
        #expect(migrations.map { $0["state"] as? String } == [
            "applied", "pending", "partial", "changed", "changed", "missing_file", "missing_file",
        ])
    }

    @Test func noFilesAndNoRecordsIsEmpty() {
        let status = MigrationStatus(migrations: [], records: [:], historyTable: .defaultTable)
        #expect(status.entries.isEmpty)
        #expect(status.historyTable == "onlineddl.schema_migrations")
    }
}
