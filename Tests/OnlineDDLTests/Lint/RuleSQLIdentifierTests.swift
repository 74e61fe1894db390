import Testing
@testable import OnlineDDLParsing

@Suite("Lint: SQL identifiers")
struct RuleSQLIdentifierTests {
    @Test func identifiersAreQuotedLikeQuoteIdent() {
        #expect(SQLIdentifier.quoted("orders") == "orders")
        #expect(SQLIdentifier.quoted("created_at2") == "created_at2")
        #expect(SQLIdentifier.quoted("Orders") == "\"Orders\"")
        #expect(SQLIdentifier.quoted("order") == "\"order\"")
        #expect(SQLIdentifier.quoted("varchar") == "\"varchar\"")
        #expect(SQLIdentifier.quoted("name") == "name")
        #expect(SQLIdentifier.quoted("2fa") == "\"2fa\"")
        #expect(SQLIdentifier.quoted("a\"b") == "\"a\"\"b\"")
        #expect(SQLIdentifier.quoted(RelationName(schema: "User", name: "t")) == "\"User\".t")
    }
}
