import Foundation
import OnlineDDL
import Testing

@Suite("Integration: a password in the URL never reaches errors or --verbose output")
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

    @Test func malformedURLWithPasswordIsRejectedWithoutIt() throws {
        let result = try CLI.run(["ping", "--database-url", "postgresql://u:Hunter2-secret@127.0.0.1/db?bogus=1"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("invalid connection string"))
        #expect(!result.combined.contains("Hunter2"))
    }
}
