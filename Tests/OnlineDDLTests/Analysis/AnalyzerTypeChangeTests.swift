import Testing
@testable import OnlineDDLAnalysis

@Suite("Analysis: column type changes that avoid a rewrite")
struct AnalyzerTypeChangeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let from: String
        let to: String
        let rewrites: Bool
        var testDescription: String { "\(from) → \(to)" }
    }

    static let cases: [Case] = [
        Case(from: "varchar(10)", to: "varchar(20)", rewrites: false),
        Case(from: "varchar(20)", to: "varchar(20)", rewrites: false),
        Case(from: "varchar(20)", to: "varchar(10)", rewrites: true),
        Case(from: "varchar(10)", to: "varchar", rewrites: false),
        Case(from: "varchar", to: "varchar(10)", rewrites: true),
        Case(from: "varchar(10)", to: "text", rewrites: false),
        Case(from: "character varying", to: "text", rewrites: false),
        Case(from: "text", to: "varchar", rewrites: false),
        Case(from: "text", to: "varchar(10)", rewrites: true),
        Case(from: "text", to: "text", rewrites: false),
        Case(from: "char(5)", to: "char(10)", rewrites: true),
        Case(from: "char(5)", to: "text", rewrites: true),
        Case(from: "numeric(10,2)", to: "numeric(12,2)", rewrites: false),
        Case(from: "numeric(10,2)", to: "numeric(12,3)", rewrites: true),
        Case(from: "numeric(10,2)", to: "numeric(8,2)", rewrites: true),
        Case(from: "numeric(10)", to: "numeric(12,0)", rewrites: false),
        Case(from: "numeric(10,2)", to: "numeric", rewrites: false),
        Case(from: "numeric", to: "numeric(10,2)", rewrites: true),
        Case(from: "bit varying(5)", to: "bit varying(8)", rewrites: false),
        Case(from: "timestamp(3)", to: "timestamp(6)", rewrites: false),
        Case(from: "timestamp", to: "timestamp(3)", rewrites: true),
        Case(from: "timestamp", to: "timestamp(6)", rewrites: false),
        Case(from: "timestamptz(0)", to: "timestamptz", rewrites: false),
        Case(from: "time(2)", to: "time(4)", rewrites: false),
        Case(from: "timestamp", to: "timestamptz", rewrites: true),
        Case(from: "int", to: "bigint", rewrites: true),
        Case(from: "int", to: "int4", rewrites: false),
        Case(from: "cidr", to: "inet", rewrites: false),
        Case(from: "varchar(10)[]", to: "varchar(20)[]", rewrites: true),
        Case(from: "mydomain", to: "text", rewrites: true),
    ]

    private func typeName(_ sql: String) throws -> SQLTypeName? {
        try analyze("ALTER TABLE t ALTER COLUMN c TYPE \(sql)").facts.alterTable?.subcommands.first?.typeChange?.newType
    }

    @Test(arguments: cases)
    func rewrite(_ testCase: Case) throws {
        let old = try #require(try typeName(testCase.from))
        let change = try #require(try analyze("ALTER TABLE t ALTER COLUMN c TYPE \(testCase.to)")
            .facts.alterTable?.subcommands.first?.typeChange)
        #expect(change.requiresRewrite(from: old) == testCase.rewrites)
    }

    @Test func usingExpressionIsAssumedToRewrite() throws {
        let change = try #require(try analyze("ALTER TABLE t ALTER COLUMN c TYPE text USING c::text")
            .facts.alterTable?.subcommands.first?.typeChange)
        #expect(change.hasUsingExpression)
        #expect(change.requiresRewrite(from: SQLTypeName(schema: "pg_catalog", name: "varchar", modifiers: [10])))
    }

    @Test func typeNamesAreReadAsTheGrammarNormalisesThem() throws {
        #expect(try typeName("numeric(10,2)") == SQLTypeName(schema: "pg_catalog", name: "numeric", modifiers: [10, 2]))
        #expect(try typeName("integer[]") == SQLTypeName(schema: "pg_catalog", name: "int4", arrayDimensions: 1))
        #expect(try typeName("text") == SQLTypeName(name: "text"))
        #expect(try typeName("app.money_amount") == SQLTypeName(schema: "app", name: "money_amount"))
        #expect(try typeName("text")?.isBuiltIn == true)
        #expect(try typeName("app.money_amount")?.isBuiltIn == false)
        #expect(try typeName("varchar(10)")?.description == "pg_catalog.varchar(10)")
    }
}
