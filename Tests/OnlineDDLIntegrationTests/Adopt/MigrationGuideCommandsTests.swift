import Foundation
import OnlineDDL
import Testing

/// Runs the three commands of each `docs/migrating-from-<tool>.md` as shown, from a folder
/// that holds the layout fixture of that tool where the guide has it, against a fresh
/// database the tool migrated up to the last file but one: each exits 0, and afterwards
/// onlineddl's history has every file, the last one applied by onlineddl.
@Suite("Integration: the migration guides' commands run as shown", .serialized)
struct MigrationGuideCommandsTests {
    struct Guide: Sendable, CustomTestStringConvertible {
        let tool: AdoptionSource
        let layout: MigrationLayout
        /// The fixture, under Tests/OnlineDDLTests/Fixtures/layouts.
        let fixture: String
        /// Where the guide's commands find it, and the folder they name.
        let destination: String
        let folder: String
        var testDescription: String { tool.rawValue }
    }

    static let guides = [
        Guide(tool: .golangMigrate, layout: .golangMigrate, fixture: "golang-migrate", destination: "db/migrations", folder: "db/migrations"),
        Guide(tool: .dbmate, layout: .dbmate, fixture: "dbmate", destination: "db/migrations", folder: "db/migrations"),
        Guide(tool: .flyway, layout: .flyway, fixture: "flyway", destination: "db/migrations", folder: "db/migrations"),
        Guide(tool: .diesel, layout: .diesel, fixture: "diesel", destination: "db/migrations", folder: "db/migrations"),
        Guide(tool: .goose, layout: .goose, fixture: "goose", destination: "db/migrations", folder: "db/migrations"),
        Guide(tool: .sqlx, layout: .sqlx, fixture: "sqlx/migrations", destination: "migrations", folder: "migrations"),
        Guide(tool: .prisma, layout: .prisma, fixture: "prisma", destination: "prisma", folder: "prisma/migrations"),
    ]

    @Test(arguments: guides)
    func theGuidesCommandsSwitchATool(guide: Guide) throws {
        let tool = guide.tool
        let commands = try DocsCommandsTests.commands(in: "docs/migrating-from-\(tool).md")
        #expect(commands.count == 3, "a guide switches in three commands: \(commands)")
        #expect(commands.allSatisfy { $0.contains(" \(guide.folder)") }, "\(commands)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID())")
        let destination = directory.appendingPathComponent(guide.destination)
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let fixture = DocsCommandsTests.root.appendingPathComponent("Tests/OnlineDDLTests/Fixtures/layouts/\(guide.fixture)")
        try FileManager.default.copyItem(at: fixture, to: destination)

        let admin = try TestDatabase.connect()
        let name = TestDatabase.uniqueName("guide")
        try admin.execute("CREATE DATABASE \(name)")
        defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var url = try #require(URLComponents(string: TestDatabase.url()))
        url.path = "/\(name)"
        let databaseURL = try #require(url.string)
        let files = try MigrationDirectory(path: directory.appendingPathComponent(guide.folder).path, layout: guide.layout).files
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
