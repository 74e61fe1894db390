import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLocking
@testable import OnlineDDLParsing

/// libpg_query's kind strings decode to enums; a kind of a newer grammar decodes to
/// `.unknown` and the statement is reported as unclassified, never a crash.
@Suite("Analysis: parse-tree kinds decoded to enums")
struct ParseTreeKindDecodingTests {
    private func analyze(json: String, version: Int = 15) throws -> StatementAnalysis {
        let tree = try Array(json.utf8).withUnsafeBufferPointer { try ParseNode.parseJSON($0) }
        return StatementAnalyzer(postgresMajorVersion: version).analyze(tree: tree)
    }

    @Test func decodesKnownNames() {
        #expect(AlterTableSubcommandKind(parserName: "AT_SetNotNull") == .setNotNull)
        #expect(AlterTableSubcommandKind(parserName: "AT_SetUnLogged") == .setUnlogged)
        #expect(ObjectType(parserName: "OBJECT_MATVIEW") == .materializedView)
        #expect(StatementKind(nodeName: "IndexStmt") == .createIndex)
        #expect(ReindexTarget(parserName: "REINDEX_OBJECT_TABLE") == .table)
        #expect(SessionSetting.Action(parserName: "VAR_RESET_ALL") == .resetAll)
    }

    @Test func everyModelledKindRoundTrips() {
        for type in ObjectType.modelled { #expect(ObjectType(parserName: type.parserName) == type) }
        for kind in StatementKind.modelled { #expect(StatementKind(nodeName: kind.nodeName) == kind) }
        #expect(Set(ObjectType.modelled.map(\.parserName)).count == ObjectType.modelled.count)
        #expect(Set(StatementKind.modelled.map(\.nodeName)).count == StatementKind.modelled.count)
    }

    @Test func unknownNamesDecodeToUnknown() {
        #expect(AlterTableSubcommandKind(parserName: "AT_SplitPartition") == .unknown("AT_SplitPartition"))
        #expect(AlterTableSubcommandKind.unknown("AT_SplitPartition").sqlName == "AT_SplitPartition")
        #expect(ObjectType(parserName: "OBJECT_PROPGRAPH") == .unknown("OBJECT_PROPGRAPH"))
        #expect(StatementKind(nodeName: "CreatePropGraphStmt") == .unknown("CreatePropGraphStmt"))
    }

    @Test func unknownSubcommandIsUnclassified() throws {
        let analysis = try analyze(json: #"""
            {"AlterTableStmt":{"relation":{"relname":"t","inh":true,"relpersistence":"p"},
             "cmds":[{"AlterTableCmd":{"subtype":"AT_SplitPartition","behavior":"DROP_RESTRICT"}}],"objtype":"OBJECT_TABLE"}}
            """#)
        #expect(analysis.classification == .unclassified(reason: "ALTER TABLE subcommand AT_SplitPartition is not modelled"))
    }

    @Test func unknownObjectTypeIsUnclassified() throws {
        let analysis = try analyze(json: #"""
            {"DropStmt":{"objects":[{"String":{"sval":"g"}}],"removeType":"OBJECT_PROPGRAPH","behavior":"DROP_RESTRICT"}}
            """#)
        #expect(analysis.classification == .unclassified(reason: "DROP of OBJECT_PROPGRAPH is not modelled"))
    }

    @Test func unknownStatementIsUnclassified() throws {
        let analysis = try analyze(json: #"{"CreatePropGraphStmt":{"pgname":{"relname":"g"}}}"#)
        #expect(analysis.classification == .unclassified(reason: "CreatePropGraphStmt is not modelled"))
        #expect(analysis.kind == .unknown("CreatePropGraphStmt"))
    }
}
