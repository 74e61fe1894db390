import Testing
@testable import OnlineDDLPostgres
@testable import OnlineDDLSupport

@Suite("Postgres: typed row access")
struct RowDecodingTests {
    private let result = QueryResult(
        columns: [.init(name: "id", typeOID: 20), .init(name: "ok", typeOID: 16), .init(name: "note", typeOID: 25), .init(name: "ratio", typeOID: 701)],
        values: [["42", "t", nil, "0.5"], ["x", "maybe", "secret-value", "NaN"]],
        commandTag: "SELECT 2"
    )

    @Test func decodesByNameAndPosition() throws {
        let row = result.rows[0]
        #expect(try row.decode("id", as: Int.self) == 42)
        #expect(try row.decode("ok", as: Bool.self) == true)
        #expect(try row.decode("note", as: String?.self) == nil)
        #expect(try row.decode(3, as: Double.self) == 0.5)
        #expect(try result.rows[1].decode("ratio", as: Double.self).isNaN)
    }

    @Test func errorsNameTheColumnButNotTheValue() {
        #expect(throws: PostgresError.self) { try result.rows[0].decode("note", as: String.self) }
        do {
            _ = try result.rows[1].decode("ok", as: Bool.self)
            Issue.record("expected a decoding error")
        } catch {
            #expect(error.description == "column \"ok\": cannot read the value as Bool")
            #expect(!error.description.contains("maybe"))
        }
        #expect(throws: PostgresError.self) { try result.rows[0].decode("missing", as: Int.self) }
    }

    @Test func sqlStateClassesAndDescriptions() {
        #expect(SQLState(rawValue: "08006").isConnectionException)
        #expect(!SQLState.lockNotAvailable.isConnectionException)
        let error = PostgresError(kind: .server, sqlState: .lockNotAvailable, severity: "ERROR", message: "canceling statement due to lock timeout", detail: "Key (id)=(7) already exists.")
        #expect(error.description == "ERROR 55P03: canceling statement due to lock timeout")
    }
}
