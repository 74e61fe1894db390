import Foundation
import OnlineDDL
import Testing

/// Runs the three commands of each `docs/migrating-from-<tool>.md` as shown, from a folder
/// whose `db/migrations` holds the layout fixture of that tool, against a fresh database the
/// tool migrated up to the last file but one: each exits 0, and afterwards onlineddl's
/// history has every file, the last one applied by onlineddl.
@Suite("Integration: the migration guides' commands run as shown", .serialized)
struct MigrationGuideCommandsTests {
    static let guides: [(AdoptionSource, MigrationLayout)] = [
        (.golangMigrate, .golangMigrate), (.dbmate, .dbmate), (.flyway, .flyway), (.diesel, .diesel),
    ]

    @Test(arguments: guides)
    func theGuidesCommandsSwitchATool(tool: AdoptionSource, layout: MigrationLayout) throws {
        let commands = try DocsCommandsTests.commands(in: "docs/migrating-from-\(tool).md")
        #expect(commands.count == 3, "a guide switches in three commands: \(commands)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID())")
        let migrations = directory.appendingPathComponent("db/migrations")
        try FileManager.default.createDirectory(at: migrations.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = DocsCommandsTests.root.appendingPathComponent("Tests/OnlineDDLTests/Fixtures/layouts/\(layout)")
        try FileManager.default.copyItem(at: fixture, to: migrations)

        let admin = try TestDatabase.connect()
        let name = TestDatabase.uniqueName("guide")
        try admin.execute("CREATE DATABASE \(name)")
        defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var url = try #require(URLComponents(string: TestDatabase.url()))
        url.path = "/\(name)"
        let databaseURL = try #require(url.string)
        let files = try MigrationDirectory(path: migrations.path, layout: layout).files
        let database = try Connection(ConnectionString(databaseURL))
        try ToolHistoryTable.migrate(Array(files.dropLast()), with: tool, on: database)

        for command in commands {
            let words = command.split(separator: " ").map(String.init)
            let output = try CLI.run(Array(words.dropFirst()), environment: ["DATABASE_URL": databaseURL], directory: directory.path)
            #expect(output.status == 0, "`\(command)` exited \(output.status): \(output.combined)")
        }
        let records = try HistoryTable.defaultTable.records(on: database)
        #expect(records.count == files.count)
        #expect(records[files[0].canonicalVersion]?.origin == .adopted(tool))
        #expect(try #require(records[files[files.count - 1].canonicalVersion]).origin == nil, "the last file applied by onlineddl")
    }
}
