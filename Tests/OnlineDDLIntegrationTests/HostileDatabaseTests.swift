import Foundation
import OnlineDDL
import Testing

/// A database that cannot be used: unreachable, a wrong password, a missing database, a
/// role without privileges. Each is reported with exit code 1 and a message that says what
/// is wrong, and nothing is applied.
@Suite("Integration: hostile databases are reported clearly and nothing is applied", .serialized)
struct HostileDatabaseTests {
    private func fixture() throws -> ApplyFixture {
        try ApplyFixture(["0001_create.sql": "CREATE TABLE {t} (id int);\n"], prefix: "hostile_db")
    }

    /// `apply` (text and JSON), `status` and connected `plan` against `url` exit 1 with
    /// each of `messages` in the error; apply's JSON ends with a failed summary.
    private func expectConnectionFailure(_ fixture: ApplyFixture, url: String, _ messages: String...) throws {
        let history = ["--history-table", fixture.history.description]
        let runs = [
            ("apply", try CLI.run(["apply", fixture.folder, "--database-url", url] + history)),
            ("status", try CLI.run(["status", fixture.folder, "--database-url", url] + history)),
            ("plan", try CLI.run(["plan", fixture.folder, "--database-url", url] + history)),
        ]
        for (command, output) in runs {
            #expect(output.status == 1, "\(command): \(output.combined)")
            #expect(output.standardError.contains("onlineddl: error: could not connect: "), "\(command): \(output.standardError)")
            for message in messages {
                #expect(output.standardError.contains(message), "\(command): \(output.standardError)")
            }
        }
        let json = try CLI.run(["apply", fixture.folder, "--database-url", url, "--format", "json"] + history)
        #expect(json.status == 1)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(summary["event"] as? String == "summary")
        #expect(summary["outcome"] as? String == "failed")
        #expect(summary["pending"] as? [String] == ["0001"])
        #expect((summary["message"] as? String)?.hasPrefix("could not connect: ") == true, "\(summary)")
        #expect(try fixture.columns().isEmpty)
        #expect(try !fixture.history.exists(on: fixture.observer))
    }

    @Test func anUnreachableServerSaysSo() throws {
        let fixture = try fixture()
        let url = "postgresql://postgres@127.0.0.1:\(try Self.closedPort())/postgres"
        try expectConnectionFailure(fixture, url: url, "Connection refused", "Is the server running on that host and accepting TCP/IP connections?")
    }

    @Test func aWrongPasswordSaysSo() throws {
        let fixture = try fixture()
        let role = try PasswordRole()
        defer { role.drop() }
        try expectConnectionFailure(fixture, url: try role.url(password: "not-the-password"), "password authentication failed for user \"\(role.name)\"")
    }

    @Test func aMissingDatabaseSaysSo() throws {
        let fixture = try fixture()
        var components = try #require(URLComponents(string: try TestDatabase.url()))
        let database = TestDatabase.uniqueName("no_such_db")
        components.path = "/\(database)"
        try expectConnectionFailure(fixture, url: try #require(components.string), "database \"\(database)\" does not exist")
    }

    /// A role that may not create the history table's schema is told what it needs.
    @Test func aRoleThatCannotCreateTheHistoryIsToldWhatItNeeds() throws {
        let fixture = try fixture()
        let role = try PasswordRole()
        defer { role.drop() }
        let history = "\(TestDatabase.uniqueName("history_schema")).schema_migrations"
        for format in ["text", "json"] {
            let output = try CLI.run(["apply", fixture.folder, "--database-url", role.url(), "--history-table", history, "--format", format])
            #expect(output.status == 1, "\(output.combined)")
            #expect(output.standardError.contains(
                "onlineddl: error: could not create the history table \(history): ERROR 42501: permission denied for database"), "\(output.standardError)")
            #expect(output.standardError.contains("the role needs CREATE on schema"), "\(output.standardError)")
        }
        #expect(try fixture.columns().isEmpty)
        #expect(try !HistoryTable(parsing: history).exists(on: fixture.observer))
    }

    /// A role that may keep a history but not create the migration's table stops at the
    /// statement, with the server's error at its position; the history stays empty.
    @Test func aRoleWithoutPrivilegesStopsAtTheStatement() throws {
        let fixture = try fixture()
        let role = try PasswordRole()
        defer { role.drop() }
        try fixture.observer.execute("DO $$ BEGIN EXECUTE format('GRANT CREATE ON DATABASE %I TO \(role.name)', current_database()); END $$")
        let history = try HistoryTable(parsing: "\(TestDatabase.uniqueName("history_schema")).schema_migrations")
        let output = try CLI.run(["apply", fixture.folder, "--database-url", role.url(), "--history-table", history.description])
        #expect(output.status == 1, "\(output.combined)")
        #expect(output.standardError.contains(
            "onlineddl: error: \(fixture.path("0001_create.sql")):1:14: ERROR 42501: permission denied for schema public"), "\(output.standardError)")
        #expect(output.standardOutput.contains("failed: 0 applied, 1 pending"))
        #expect(try fixture.columns().isEmpty)
        #expect(try history.exists(on: fixture.observer))
        #expect(try history.records(on: fixture.observer).isEmpty)
    }

    /// A TCP port on 127.0.0.1 nothing listens on.
    static func closedPort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(socket, socketAddress, length) == 0 && getsockname(socket, socketAddress, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
