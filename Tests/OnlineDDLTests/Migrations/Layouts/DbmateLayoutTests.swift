import Foundation
import Testing
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing

@Suite("Migrations: dbmate sections")
struct DbmateLayoutTests {
    /// The errors of reading one dbmate file, `20240101000000_m.sql`, holding `text`.
    private func errors(_ text: String) throws -> (path: String, errors: [SQLSyntaxError]) {
        let folder = try LayoutFixtures.temporary(["20240101000000_m.sql": text])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = "\(folder)/20240101000000_m.sql"
        return (path, try MigrationDirectory(path: folder, layout: .dbmate).files.compactMap(\.readError))
    }

    @Test func aSyntaxErrorInTheUpSectionIsAtItsLineInTheFile() throws {
        let folder = try LayoutFixtures.temporary(["20240101000000_m.sql": """
            -- migrate:up
            CREATE TABLE a (id int);

              SELEC 1;

            -- migrate:down
            this is not SQL;
            """])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try #require(try MigrationDirectory(path: folder).files.first)
        #expect(throws: SQLSyntaxError(file: file.path, location: SourceLocation(line: 4, column: 3), message: "syntax error at or near \"SELEC\"")) {
            try PreparedMigration(file: file)
        }
    }

    @Test func statementsAndOptionsOutsideTheUpSectionAreErrors() throws {
        let early = try errors("CREATE TABLE a (id int);\n-- migrate:up\nSELECT 1;\n")
        #expect(early.errors == [SQLSyntaxError(
            file: early.path, location: SourceLocation(line: 1, column: 1),
            message: "statement before -- migrate:up: dbmate runs only the statements after -- migrate:up; move it below")])

        let missing = try errors("SELECT 1;\n")
        #expect(missing.errors.map(\.location) == [SourceLocation(line: 1, column: 1)])
        #expect(missing.errors.first?.message.hasPrefix("no -- migrate:up comment") == true)

        let option = try errors("-- comment\n-- migrate:up transaction:maybe\nSELECT 1;\n")
        #expect(option.errors == [SQLSyntaxError(
            file: option.path, location: SourceLocation(line: 2, column: 1),
            message: "unknown dbmate option transaction:maybe; the up section takes transaction:true or transaction:false")])

        let order = try errors("-- migrate:down\nSELECT 2;\n-- migrate:up\nSELECT 1;\n")
        #expect(order.errors.map(\.location) == [SourceLocation(line: 1, column: 1)])

        let indented = try errors("  -- migrate:up\nSELECT 1;\n")
        #expect(indented.errors.first?.message == "dbmate reads -- migrate:up only at the start of a line; move it there")
    }

    @Test func markersInStringsAndBlockCommentsAreNotMarkers() throws {
        let folder = try LayoutFixtures.temporary(["20240101000000_m.sql": """
            -- migrate:up
            SELECT '
            -- migrate:down
            ';
            /* -- migrate:down */
            SELECT 2;
            -- migrate:down
            SELECT 3;
            """])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try #require(try MigrationDirectory(path: folder, layout: .dbmate).files.first)
        #expect(try file.parse().statements.map(\.location.line) == [2, 6])
    }

    @Test func aByteOrderMarkBeforeTheUpMarkerIsSkipped() throws {
        let folder = try LayoutFixtures.temporary([:])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: "\(folder)/20240101000000_m.sql"))
        let directory = try MigrationDirectory(path: folder)
        #expect(directory.layout == .dbmate)
        let file = try #require(directory.files.first)
        #expect(file.readError == nil)
        #expect(try file.parse().statements.map(\.text) == ["SELECT 1"])
        #expect(directory.ignored.map(\.path) == ["\(folder)/20240101000000_m.sql:3"])
    }

    @Test func aFileWithoutMarkersIsPlainUnlessDbmateIsAsked() throws {
        let folder = try LayoutFixtures.temporary(["1_a.sql": "-- migrate:up\nSELECT 1;\n", "2_b.sql": "SELECT 2;\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: MigrationInputError.ambiguousLayout(folder, [
            LayoutMatch(layout: .plain, names: ["2_b.sql"]), LayoutMatch(layout: .dbmate, names: ["1_a.sql"]),
        ])) { try MigrationDirectory(path: folder) }
        // Read as dbmate, the file without markers is kept with its error; the other is fine.
        let asDbmate = try MigrationDirectory(path: folder, layout: .dbmate).files
        #expect(asDbmate.map { $0.readError?.file } == [nil, "\(folder)/2_b.sql"])
        #expect(try MigrationDirectory(path: folder, layout: .plain).files.count == 2)
    }
}
