import Foundation
import Testing

/// libpg_query's enum and node-type names (`"AT_AddColumn"`, `"OBJECT_INDEX"`, `"CONSTR_CHECK"`,
/// `"AlterTableStmt"`, …) are decoded into enums by the decoding layer (Analysis/Decoding and
/// Parsing); the analyzers, the catalog and the rules decide on those enums only.
@Suite("Architecture: parse-tree kind strings stay in the decoding layer")
struct ParseTreeKindStringTests {
    /// Folders of Sources/OnlineDDL allowed to spell libpg_query's names.
    private static let decodingFolders = ["Analysis/Decoding/", "Parsing/"]

    /// A string literal naming a libpg_query enum value or statement node type.
    private static var kindLiteral: Regex<Substring> {
        #/"(?:(?:AT|OBJECT|CONSTR|REINDEX_OBJECT|DROP|VAR|SETOP|ACL_TARGET|MERGE_WHEN|AND|OR|NOT|IS)_[A-Za-z_]+|[A-Z][A-Za-z]*Stmt)"/#
    }

    private static var sourcesFolder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OnlineDDL")
    }

    /// Folders of Sources/OnlineDDL whose code reads parse trees node by node: the decoding
    /// layer and the statement analyzers, which walk subtrees (`IndexElem`, `FuncCall`, …).
    /// The catalog, the rules, the reads and everything above see typed facts only.
    private static let treeReadingFolders = ["Analysis/", "Parsing/"]

    /// A parse-node type named in a string: `typed("Constraint")`, `nodeType == "A_Const"`.
    private static var nodeTypeLiteral: Regex<Substring> {
        #/(?:\.typed\(|nodeType\s*==\s*)"[A-Za-z_]+"/#
    }

    /// Every `file:line: match` of `pattern` outside `allowed` folders.
    private static func offendingLines(_ pattern: Regex<Substring>, outside allowed: [String]) throws -> [String] {
        let root = sourcesFolder.standardizedFileURL.path + "/"
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        var found: [String] = []
        for file in files.sorted() where file.hasSuffix(".swift") && !allowed.contains(where: file.hasPrefix) {
            let text = try String(contentsOfFile: root + file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                for match in line.matches(of: pattern) {
                    found.append("Sources/OnlineDDL/\(file):\(number + 1): \(match.output)")
                }
            }
        }
        return found
    }

    @Test func theSourcesAreFound() throws {
        let analyzer = Self.sourcesFolder.appendingPathComponent("Analysis/Statements/StatementAnalyzer.swift")
        #expect(FileManager.default.fileExists(atPath: analyzer.path), "scanning \(Self.sourcesFolder.path)")
    }

    @Test func noKindStringOutsideTheDecodingLayer() throws {
        let offending = try Self.offendingLines(Self.kindLiteral, outside: Self.decodingFolders)
        #expect(offending.isEmpty, "decode these in Analysis/Decoding and switch over the enum:\n\(offending.joined(separator: "\n"))")
    }

    @Test func noParseTreeIsWalkedAboveTheAnalysis() throws {
        let offending = try Self.offendingLines(Self.nodeTypeLiteral, outside: Self.treeReadingFolders)
        #expect(offending.isEmpty, "decode these in Analysis/Decoding into facts:\n\(offending.joined(separator: "\n"))")
        #expect("x.typed(\"Constraint\")?".contains(Self.nodeTypeLiteral))
        #expect("node.nodeType == \"A_Const\"".contains(Self.nodeTypeLiteral))
        #expect(!"typed(.alterTable)".contains(Self.nodeTypeLiteral))
    }

    @Test func theScanRecognizesKindStrings() {
        #expect("x == \"AT_SetNotNull\"".contains(Self.kindLiteral))
        #expect("case \"OBJECT_INDEX\":".contains(Self.kindLiteral))
        #expect("typed(\"SelectStmt\")".contains(Self.kindLiteral))
        #expect("\"CONSTR_FOREIGN\"".contains(Self.kindLiteral))
        #expect("== \"IS_NOT_NULL\"".contains(Self.kindLiteral))
        #expect(!"\"DATABASE_URL\"".contains(Self.kindLiteral))
        #expect(!"\"ALTER TABLE\"".contains(Self.kindLiteral))
        #expect(!"\"ColumnDef\"".contains(Self.kindLiteral))
    }
}
