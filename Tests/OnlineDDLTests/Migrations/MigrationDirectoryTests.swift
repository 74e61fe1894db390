import Foundation
import Testing
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing

@Suite("Migrations: migration directories")
struct MigrationDirectoryTests {
    private func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return path
    }

    @Test func ordersVersionsNumericallyAndIgnoresOtherFiles() throws {
        let path = try folder([
            "10_ten.sql": "SELECT 10;", "2_two.sql": "SELECT 2;", "0001_one.sql": "SELECT 1;",
            "README.md": "notes", "20240101120000_timestamped.sql": "SELECT 3;",
        ])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let directory = try MigrationDirectory(path: path)
        #expect(directory.files.map(\.version) == ["0001", "2", "10", "20240101120000"])
        #expect(directory.files.map(\.name) == ["one", "two", "ten", "timestamped"])
        #expect(try directory.files[0].parse().statements.count == 1)
    }

    @Test func rejectsDuplicateVersionsBadNamesAndMissingFolders() throws {
        let duplicate = try folder(["0002_a.sql": "", "2_b.sql": ""])
        defer { try? FileManager.default.removeItem(atPath: duplicate) }
        #expect(throws: MigrationInputError.duplicateVersion("2", ["\(duplicate)/0002_a.sql", "\(duplicate)/2_b.sql"])) {
            try MigrationDirectory(path: duplicate)
        }
        let badName = try folder(["add_index.sql": ""])
        defer { try? FileManager.default.removeItem(atPath: badName) }
        #expect(throws: MigrationInputError.badFileName("\(badName)/add_index.sql", .plain)) { try MigrationDirectory(path: badName) }
        #expect(throws: MigrationInputError.missingDirectory("/no/such/folder")) { try MigrationDirectory(path: "/no/such/folder") }
        let file = "\(badName)/add_index.sql"
        #expect(throws: MigrationInputError.notADirectory(file)) { try MigrationDirectory(path: file) }
    }

    @Test func rejectsUpperCaseExtensionsDirectoriesAndBrokenLinksNamedLikeMigrations() throws {
        let upper = try folder(["0001_a.SQL": "SELECT 1;"])
        let directory = try folder([:])
        let broken = try folder([:])
        defer { [upper, directory, broken].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        #expect(throws: MigrationInputError.upperCaseExtension("\(upper)/0001_a.SQL")) { try MigrationDirectory(path: upper) }
        try FileManager.default.createDirectory(atPath: "\(directory)/0001_a.sql", withIntermediateDirectories: false)
        #expect(throws: MigrationInputError.notAFile("\(directory)/0001_a.sql")) { try MigrationDirectory(path: directory) }
        try FileManager.default.createSymbolicLink(atPath: "\(broken)/0001_a.sql", withDestinationPath: "\(broken)/target.txt")
        #expect(throws: MigrationInputError.brokenLink("\(broken)/0001_a.sql")) { try MigrationDirectory(path: broken) }
        try Data("SELECT 1;".utf8).write(to: URL(fileURLWithPath: "\(broken)/target.txt"))
        #expect(try MigrationDirectory(path: broken).files.map(\.contents) == [Array("SELECT 1;".utf8)])
    }

    @Test func parseErrorsNameTheFile() throws {
        let path = try folder(["0001_bad.sql": "SELECT 1;\nSELEC 2;\n"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try MigrationDirectory(path: path).files[0]
        #expect(throws: SQLSyntaxError(file: "\(path)/0001_bad.sql", location: SourceLocation(line: 2, column: 1), message: "syntax error at or near \"SELEC\"")) {
            try file.parse()
        }
    }
}
