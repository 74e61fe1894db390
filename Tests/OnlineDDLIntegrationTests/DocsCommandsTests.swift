import Foundation
import OnlineDDL
import Testing

/// Runs every `onlineddl …` line of the `sh` code blocks in the README and the docs, in
/// order per file, from the repository's root, against a fresh database: the commands the
/// docs show must work as shown (exit 0).
@Suite("Integration: the commands in the docs run as shown", .serialized)
struct DocsCommandsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let documents = ["README.md", "docs/guide.md", "docs/apply.md", "docs/plan.md", "docs/simulate.md", "docs/adopt.md",
                                    "docs/locks.md"]

    /// The `onlineddl` lines of a Markdown file's ```sh blocks.
    static func commands(in document: String) throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent(document), encoding: .utf8)
        var inShellBlock = false
        var commands: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inShellBlock = !inShellBlock && line == "```sh"
                continue
            }
            if inShellBlock, line.hasPrefix("onlineddl ") { commands.append(String(line)) }
        }
        return commands
    }

    @Test func theUserGuideShowsCommandsThatAreRun() throws {
        #expect(try Self.commands(in: "docs/guide.md").count >= 8)
    }

    @Test(arguments: documents)
    func everyShownCommandExitsZero(document: String) throws {
        let commands = try Self.commands(in: document)
        guard !commands.isEmpty else { return }
        let admin = try TestDatabase.connect()
        let database = TestDatabase.uniqueName("docs")
        try admin.execute("CREATE DATABASE \(database)")
        defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        var url = try #require(URLComponents(string: TestDatabase.url()))
        url.path = "/\(database)"
        let environment = ["DATABASE_URL": try #require(url.string)]
        for command in commands {
            let words = command.split(separator: " ").map(String.init)
            let output = try CLI.run(Array(words.dropFirst()), environment: environment, directory: Self.root.path)
            #expect(output.status == 0, "\(document): `\(command)` exited \(output.status): \(output.standardError)")
        }
    }
}
