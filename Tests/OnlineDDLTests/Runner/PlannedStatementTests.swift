import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLCatalog
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing
@testable import OnlineDDLRunner

/// Mapping PostgreSQL's error position (1-based, in characters of the statement sent) back
/// to the file, for a statement that starts mid-line and spans lines with non-ASCII text.
@Suite("Runner: planned statement locations")
struct PlannedStatementTests {
    /// Line 2 holds a decomposed "é" (two scalars) and a flag (two scalars), each one
    /// character for PostgreSQL but one grapheme for Swift.
    static let text = "SELECT 'ü'; UPDATE accounts SET\n  name = 'he\u{301}llo \u{1F1EB}\u{1F1F7} w\u{F6}rld', bad = 1\nWHERE id = 1;\n"

    static func planned() throws -> PlannedStatement {
        let migration = try PreparedMigration(file: MigrationFile(
            version: "0007", name: "update_accounts", path: "db/0007_update_accounts.sql", contents: Array(text.utf8)))
        let statement = migration.script.statements[1]
        let analysis = StatementAnalyzer(postgresMajorVersion: 16).analyze(statement)
        let catalog = CatalogSnapshot(serverMajorVersion: 16, searchPath: ["public"], relations: [])
        return PlannedStatement(
            statement: statement, index: 1, migration: migration, analysis: analysis,
            resolver: CatalogResolver(catalog: catalog))
    }

    @Test func statementPositionIsItsFirstToken() throws {
        let position = try Self.planned().position
        #expect(position == StatementPosition(version: "0007", file: "db/0007_update_accounts.sql", line: 1, column: 13, statement: 2))
        #expect(position.description == "db/0007_update_accounts.sql:1:13")
    }

    /// Positions counted by hand: "accounts" is character 8, "bad" character 49, "WHERE" 57.
    @Test(arguments: [(1, 1, 13), (8, 1, 20), (49, 2, 29), (57, 3, 1)])
    func errorPositionMapsToLineAndColumn(character: Int, line: Int, column: Int) throws {
        let location = try Self.planned().location(ofCharacter: character)
        #expect(location.line == line)
        #expect(location.column == column)
        #expect(location.statement == 2)
        #expect(location.version == "0007")
    }

    @Test func mapsLikeTheFileLineIndex() throws {
        let bytes = Array(Self.text.utf8)
        let badOffset = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("bad".utf8)) })
        let expected = LineIndex(utf8: bytes).location(ofByte: badOffset)
        let location = try Self.planned().location(ofCharacter: 49)
        #expect(SourceLocation(line: location.line, column: location.column) == expected)
    }

    @Test(arguments: [nil, 0, -3] as [Int?])
    func missingPositionIsTheStatementStart(character: Int?) throws {
        let planned = try Self.planned()
        #expect(planned.location(ofCharacter: character) == planned.position)
    }
}
