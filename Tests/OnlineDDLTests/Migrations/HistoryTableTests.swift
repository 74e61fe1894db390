import Testing
@testable import OnlineDDLMigrations

@Suite("Migrations: history table names")
struct HistoryTableTests {
    @Test func readsSchemaAndTable() throws {
        let table = try HistoryTable(parsing: "ops.applied_migrations")
        #expect(table.schema == "ops")
        #expect(table.name == "applied_migrations")
        #expect(table.description == "ops.applied_migrations")
    }

    @Test func bareTableIsInSchemaOnlineddl() throws {
        #expect(try HistoryTable(parsing: "migrations_v2") == HistoryTable(schema: "onlineddl", name: "migrations_v2"))
        #expect(try HistoryTable(parsing: "onlineddl.schema_migrations") == HistoryTable.defaultTable)
    }

    @Test func acceptsSixtyThreeCharacterNames() throws {
        let longest = "_" + String(repeating: "a", count: 61) + "9"
        #expect(try HistoryTable(parsing: "\(longest).\(longest)").name == longest)
    }

    @Test(arguments: [
        "a.b.c", "A.b", "a.B", "1a", "a.1b", "a-b", "", ".", "a.", ".a", "a..b", "\"x\"", "a b", "é", "tablé",
        String(repeating: "a", count: 64), "s." + String(repeating: "a", count: 64),
    ])
    func refusesAnythingButPlainLowercaseNames(text: String) {
        #expect(throws: HistoryTableNameError.self) { try HistoryTable(parsing: text) }
    }

    @Test(arguments: [
        ("onlineddl.schema_migrations", "onlineddl.schema_migrations"),
        ("public.user", "public.\"user\""),
        ("select.order", "\"select\".\"order\""),
        // Unreserved keywords need no quotes.
        ("data.name", "data.name"),
    ])
    func sqlNameQuotesReservedWords(text: String, sql: String) throws {
        #expect(try HistoryTable(parsing: text).sqlName == sql)
    }
}
