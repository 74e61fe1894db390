import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLParsing

@Suite("Analysis: regclass constants name relations as regclassin reads them")
struct RegclassTextTests {
    @Test(arguments: [
        ("orders_id_seq", RelationName(name: "orders_id_seq")),
        ("Public.Orders_ID_Seq", RelationName(schema: "public", name: "orders_id_seq")),
        ("  app . seq  ", RelationName(schema: "app", name: "seq")),
        ("\"My Seq\"", RelationName(name: "My Seq")),
        ("app.\"a\"\"b.c\"", RelationName(schema: "app", name: "a\"b.c")),
        ("db.app.seq", RelationName(schema: "app", name: "seq")),
    ])
    func names(text: String, relation: RelationName) {
        #expect(RegclassText.relation(text) == relation)
    }

    @Test(arguments: ["", "12345", "a..b", "\"unterminated", "a b", "a.", ".a", "a.b.c.d"])
    func namesNothing(text: String) {
        #expect(RegclassText.relation(text) == nil)
    }
}
