import Foundation
import OnlineDDL
import Testing

@Suite("Integration: a password never reaches errors, output or --verbose output")
struct SecretsTests {
    @Test func wrongPasswordErrorDoesNotContainIt() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        let wrong = "Wrong-\(role.password)"
        let url = try TestDatabase.url(user: role.name, password: wrong)
        do {
            _ = try Connection(ConnectionString(url))
            Issue.record("expected authentication to fail")
        } catch {
            #expect(error.message.contains("password authentication failed"))
            #expect(!error.description.contains(wrong))
            #expect(!error.description.contains(role.password))
        }
    }

    @Test func rightPasswordConnectsAndTargetHidesIt() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        let connection = try Connection(ConnectionString(TestDatabase.url(user: role.name, password: role.password)))
        #expect(try connection.query("SELECT current_user AS u").rows[0].decode("u", as: String.self) == role.name)
        #expect(!connection.target.contains(role.password))
    }

    @Test func verboseCLIOutputNeverShowsThePassword() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        let good = try TestDatabase.url(user: role.name, password: role.password)
        let success = try CLI.run(["ping", "--database-url", good, "--verbose"])
        #expect(success.status == 0, "\(success.standardError)")
        #expect(success.standardOutput.contains("PostgreSQL"))
        #expect(success.standardError.contains("password=***"))
        #expect(!success.combined.contains(role.password))

        let bad = try TestDatabase.url(user: role.name, password: "x" + role.password)
        let failure = try CLI.run(["ping", "--database-url", bad, "--verbose"])
        #expect(failure.status == 1)
        #expect(failure.standardError.contains("password authentication failed"))
        #expect(!failure.combined.contains(role.password))

        // The same through DATABASE_URL and through PGPASSWORD.
        let fromEnvironment = try CLI.run(["ping", "--verbose"], environment: ["DATABASE_URL": bad])
        #expect(fromEnvironment.status == 1)
        #expect(!fromEnvironment.combined.contains(role.password))
        let components = try #require(URLComponents(string: try TestDatabase.url()))
        let fromPGPassword = try CLI.run(["ping", "--verbose"], environment: [
            "DATABASE_URL": "", "PGHOST": "127.0.0.1", "PGPORT": "\(components.port ?? 5432)",
            "PGUSER": role.name, "PGDATABASE": "postgres", "PGPASSWORD": role.password,
        ])
        #expect(fromPGPassword.status == 0, "\(fromPGPassword.standardError)")
        #expect(!fromPGPassword.combined.contains(role.password))
    }

    /// A password given in a URL, in a keyword string, and in `PGPASSWORD`.
    private func credentials(_ role: PasswordRole, password: String) throws -> [(way: String, arguments: [String], environment: [String: String])] {
        let components = try #require(URLComponents(string: try TestDatabase.url()))
        let host = components.host ?? "127.0.0.1"
        let port = components.port ?? 5432
        let database = String(components.path.dropFirst())
        return [
            ("URL", ["--database-url", try role.url(password: password)], [:]),
            ("keyword string", ["--database-url", "host=\(host) port=\(port) dbname=\(database) user=\(role.name) password=\(password)"], [:]),
            ("PGPASSWORD", [], ["DATABASE_URL": "", "PGHOST": host, "PGPORT": "\(port)", "PGUSER": role.name,
                                "PGDATABASE": database, "PGPASSWORD": password]),
        ]
    }

    /// apply (text and JSON, --verbose) and status, succeeding, failing on a statement and
    /// failing to authenticate, with the password given each way: it is never shown.
    @Test func applyAndStatusNeverShowThePassword() throws {
        let role = try PasswordRole()
        defer { role.drop() }
        try role.admin.execute("GRANT CREATE ON SCHEMA public TO \(role.name)")
        let wrong = "Wrong-\(UInt64.random(in: 1...UInt64.max))-pw"
        for (way, arguments, environment) in try credentials(role, password: role.password) {
            let fixture = try ApplyFixture([
                "0001_create.sql": "CREATE TABLE {t} (id int);\n",
                "0002_fails.sql": "ALTER TABLE {t} ADD COLUMN c int;\nSELECT 1 / 0;\n",
            ], prefix: "secrets")
            let folder = [fixture.folder, "--history-table", "public.\(TestDatabase.uniqueName("history"))"]
            var outputs: [(String, CLI.Output)] = []
            for format in ["text", "json"] {
                let apply = try CLI.run(["apply"] + folder + arguments + ["--format", format, "--verbose"], environment: environment)
                #expect(apply.status == 1, "\(way) \(format): \(apply.combined)")
                #expect(apply.standardError.contains("22012: division by zero"), "\(way) \(format): \(apply.standardError)")
                let status = try CLI.run(["status"] + folder + arguments + ["--format", format, "--verbose"], environment: environment)
                #expect(status.status == 0, "\(way) \(format): \(status.combined)")
                outputs += [("apply \(format)", apply), ("status \(format)", status)]
            }
            #expect(try fixture.columns() == ["id"], "\(way): 0001 applied, 0002 rolled back")
            if way != "PGPASSWORD" {
                #expect(outputs[0].1.standardError.contains("password=***"), "\(way): \(outputs[0].1.standardError)")
            }

            let (_, wrongArguments, wrongEnvironment) = try credentials(role, password: wrong).first { $0.way == way }!
            for command in ["apply", "status"] {
                for format in ["text", "json"] {
                    let refused = try CLI.run([command] + folder + wrongArguments + ["--format", format, "--verbose"], environment: wrongEnvironment)
                    #expect(refused.status == 1, "\(way) \(command) \(format): \(refused.combined)")
                    #expect(refused.combined.contains("password authentication failed for user \"\(role.name)\""))
                    outputs.append(("\(command) \(format), wrong password", refused))
                }
            }
            for (what, output) in outputs {
                #expect(!output.combined.contains(role.password), "\(way), \(what): \(output.combined)")
                #expect(!output.combined.contains(wrong), "\(way), \(what): \(output.combined)")
            }
        }
    }

    @Test func malformedURLWithPasswordIsRejectedWithoutIt() throws {
        let result = try CLI.run(["ping", "--database-url", "postgresql://u:Hunter2-secret@127.0.0.1/db?bogus=1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("invalid connection string"))
        #expect(!result.combined.contains("Hunter2"))
    }
}
