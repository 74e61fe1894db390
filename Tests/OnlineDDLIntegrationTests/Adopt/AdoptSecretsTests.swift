import Foundation
import OnlineDDL
import Testing

@Suite("Integration: adopt and baseline never show the password", .serialized)
struct AdoptSecretsTests {
    /// adopt and baseline, text and JSON, --verbose, as a role that authenticates with a
    /// password in the URL: recording, refusing, and with a wrong password.
    @Test func adoptAndBaselineNeverShowThePassword() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        let schema = TestDatabase.uniqueName("adopt_secrets")
        try role.admin.execute("CREATE SCHEMA \(schema) AUTHORIZATION \(role.name)")
        defer { _ = try? role.admin.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE") }
        let owner = try Connection(ConnectionString(role.url()))
        try owner.execute("SET search_path = \(schema); \(ToolHistoryTable.ddl(.dbmate)); INSERT INTO schema_migrations VALUES ('1')")
        let fixture = try AdoptFixture(["1_create.sql": "SELECT 1;\n", "2_note.sql": "SELECT 2;\n"])
        let wrong = "Wrong-\(UInt64.random(in: 1...UInt64.max))-pw"
        let history = ["--history-table", "\(schema).history", "--verbose"]
        var outputs: [CLI.Output] = []
        for format in ["text", "json"] {
            let adopt = try CLI.run(["adopt", fixture.folder, "--database-url", role.url(), "--from", "dbmate",
                                     "--from-table", "\(schema).schema_migrations", "--format", format] + history)
            #expect(adopt.status == 0, "\(adopt.combined)")
            #expect(adopt.standardError.contains("password=***"), "\(adopt.standardError)")
            let refused = try CLI.run(["baseline", fixture.folder, "--database-url", role.url(), "--version", "9", "--format", format] + history)
            #expect(refused.status == 2, "\(refused.combined)")
            let denied = try CLI.run(["adopt", fixture.folder, "--database-url", role.url(password: wrong), "--format", format] + history)
            #expect(denied.status == 1, "\(denied.combined)")
            #expect(denied.combined.contains("password authentication failed for user \"\(role.name)\""))
            outputs += [adopt, refused, denied]
        }
        for output in outputs {
            #expect(!output.combined.contains(role.password), "\(output.combined)")
            #expect(!output.combined.contains(wrong), "\(output.combined)")
        }
    }
}
