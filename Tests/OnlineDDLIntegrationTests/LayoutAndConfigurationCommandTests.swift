import Foundation
import OnlineDDL
import Testing

/// `--layout` and `onlineddl.toml` through the command line; none of these needs a server.
@Suite("Integration: layouts and onlineddl.toml")
struct LayoutAndConfigurationCommandTests {
    /// A new temporary folder holding `files` (relative paths, subfolders created).
    private func folder(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("project-\(UUID())").path
        for (name, text) in files {
            let file = URL(fileURLWithPath: path).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return path
    }

    private func plan(_ arguments: [String]) throws -> (output: CLI.Output, plan: MigrationPlan?) {
        let output = try CLI.run(["plan", "--offline", "--format", "json"] + arguments)
        return (output, try? JSONDecoder().decode(MigrationPlan.self, from: Data(output.standardOutput.utf8)))
    }

    @Test func plansAFlywayFolderAndReportsWhatItDoesNotRun() throws {
        let root = try folder([
            "V1__create_accounts.sql": "CREATE TABLE accounts (id bigint PRIMARY KEY);\n",
            "V1_1__add_note.sql": "ALTER TABLE accounts ADD COLUMN note text;\n",
            "V1.10__add_email.sql": "ALTER TABLE accounts ADD COLUMN email text;\n",
            "U1_1__add_note.sql": "ALTER TABLE accounts DROP COLUMN note;\n",
            "R__views.sql": "CREATE OR REPLACE VIEW v AS SELECT 1;\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (output, plan) = try plan([root, "--layout", "flyway", "--no-config"])
        #expect(output.status == 0, "\(output.standardError)")
        #expect(plan?.migrations.map(\.version) == ["1", "1_1", "1.10"])
        #expect(output.standardError.contains("onlineddl: note: 1 down migration not run (onlineddl applies forward only): \(root)/U1_1__add_note.sql"))
        #expect(output.standardError.contains("onlineddl: warning: \(root)/R__views.sql: Flyway repeatable migration, not supported"))

        let plain = try CLI.run(["plan", "--offline", root, "--layout", "plain", "--no-config"])
        #expect(plain.status == 2)
        #expect(plain.standardError.contains("migration files are named VERSION_name.sql"))
    }

    @Test func planReadsLintSettingsFromTheNearestConfigurationAndFlagsOverrideThem() throws {
        let root = try folder([
            "onlineddl.toml": """
                layout = "golang-migrate"
                [lint]
                pg_version = 11
                ignore = ["require-concurrent-index"]
                [lint.severity]
                "mixed-transactional-statements" = "error"
                """,
            "db/migrations/1_index.up.sql": "CREATE INDEX accounts_note_idx ON accounts (note);\n",
            "db/migrations/1_index.down.sql": "DROP INDEX accounts_note_idx;\n",
            "db/migrations/2_mixed.up.sql": "ALTER TABLE accounts ADD COLUMN email text;\nCREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let migrations = "\(root)/db/migrations"
        func rules(_ plan: MigrationPlan?) -> [String] { plan?.allFindings.map(\.finding.rule) ?? [] }

        let configured = try plan([migrations])
        #expect(configured.output.status == 1, "an error-level finding fails the plan: \(configured.output.standardError)")
        #expect(configured.plan?.postgresVersion == 11)
        #expect(!rules(configured.plan).contains("require-concurrent-index"))
        #expect(configured.plan?.allFindings.first { $0.finding.rule == "mixed-transactional-statements" }?.finding.severity == .error)

        let flags = try plan([migrations, "--pg-version", "15", "--ignore", "mixed-transactional-statements"])
        #expect(flags.output.status == 0, "\(flags.output.standardError)")
        #expect(flags.plan?.postgresVersion == 15)
        #expect(rules(flags.plan).isEmpty, "--ignore adds to the file's ignore list")

        let none = try plan([migrations, "--no-config", "--layout", "golang-migrate"])
        #expect(none.plan?.postgresVersion == 17)
        #expect(rules(none.plan).contains("require-concurrent-index"))

        let explicit = try folder(["other.toml": "[lint]\npg_version = 13\n"])
        defer { try? FileManager.default.removeItem(atPath: explicit) }
        #expect(try plan([migrations, "--config", "\(explicit)/other.toml", "--layout", "golang-migrate"]).plan?.postgresVersion == 13)
    }

    @Test func configurationErrorsStopEveryCommandBeforeItConnects() throws {
        let root = try folder([
            "onlineddl.toml": "[apply]\nlock_timout = \"1s\"\n",
            "migrations/0001_a.sql": "SELECT 1;\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let unreachable = ["--database-url", "postgresql://nobody@127.0.0.1:1/none"]
        for command in ["apply", "status", "plan"] {
            let output = try CLI.run([command, "\(root)/migrations"] + unreachable)
            #expect(output.status == 2, "\(command): \(output.standardError)")
            #expect(output.standardError.contains("\(root)/onlineddl.toml: apply.lock_timout: unknown key in [apply]"), "\(command)")
        }
        try Data("[apply]\nretry_initial = \"1m\"\n".utf8).write(to: URL(fileURLWithPath: "\(root)/onlineddl.toml"))
        let retry = try CLI.run(["apply", "\(root)/migrations"] + unreachable)
        #expect(retry.status == 2)
        #expect(retry.standardError.contains("--retry-initial 1m must not exceed --retry-max 30s (flags, or [apply] in \(root)/onlineddl.toml)"))
        #expect(try CLI.run(["apply", "\(root)/migrations", "--retry-max", "2m"] + unreachable).status == 1, "the flag settles it; then the connection fails")
    }

    @Test func databaseURLEnvNamesTheVariableAndTheFlagOverridesIt() throws {
        let root = try folder(["onlineddl.toml": "database_url_env = \"PRIMARY_URL\"\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = ["PRIMARY_URL": "postgresql://primary@127.0.0.1:1/none", "DATABASE_URL": "postgresql://other@127.0.0.1:1/none"]
        let configured = try CLI.run(["ping", "--verbose", "--config", "\(root)/onlineddl.toml"], environment: environment)
        #expect(configured.standardError.contains("onlineddl: reading defaults from \(root)/onlineddl.toml"))
        #expect(configured.standardError.contains("connecting to user=primary "))
        let flag = try CLI.run(
            ["ping", "--verbose", "--config", "\(root)/onlineddl.toml", "--database-url", "postgresql://flag@127.0.0.1:1/none"],
            environment: environment)
        #expect(flag.standardError.contains("connecting to user=flag "))
        let missing = try CLI.run(["ping", "--config", "\(root)/none.toml"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("\(root)/none.toml: cannot be read"))
    }

    @Test func helpShowsTheBuiltInDefaults() throws {
        let help = try CLI.run(["apply", "--help"]).standardOutput
        #expect(help.contains("--lock-timeout"))
        #expect(help.contains("(default: 2s)"))
        #expect(help.contains("--layout"))
        #expect(help.contains("--config"))
        #expect(help.contains("--no-predict"))
    }
}
