import Foundation
import Testing
@testable import OnlineDDLConfiguration
@testable import OnlineDDLLint
@testable import OnlineDDLMigrations
@testable import OnlineDDLRunner

@Suite("Configuration: onlineddl.toml")
struct ProjectConfigurationTests {
    private let path = "/project/onlineddl.toml"

    /// A runner configuration with no default left: the `[apply]` of `readsEveryKey`.
    private static let custom = {
        var custom = RunnerConfiguration()
        custom.lockStrategy = .nowait
        custom.lockTimeout = .milliseconds(500)
        custom.statementTimeout = .seconds(1800)
        custom.idleInTransactionTimeout = .seconds(120)
        custom.parallelWorkers = 4
        custom.predict = false
        custom.longTransactionAge = .seconds(5)
        custom.checkInterval = .milliseconds(100)
        custom.retry = RetryPolicy(initial: .seconds(1), maximum: .seconds(60))
        custom.maxAttempts = 20
        custom.maxWait = .seconds(3600)
        custom.waitForRunner = .seconds(300)
        return custom
    }()

    @Test func readsEveryKey() throws {
        let configuration = try ProjectConfiguration(toml: """
            database_url_env = "PRIMARY_DATABASE_URL"
            history_table = "ops.migrations"
            layout = "flyway"

            [apply]
            lock_strategy = "nowait"
            lock_timeout = "500ms"
            statement_timeout = "30m"
            idle_in_transaction_timeout = "2m"
            parallel_workers = 4
            predict = false
            long_transaction = "5s"
            check_interval = "100ms"
            retry_initial = "1s"
            retry_max = "1m"
            max_attempts = 20
            max_wait = "1h"
            wait_for_runner = "5m"
            standbys = ["STANDBY_URL"]
            optional_standbys = ["postgresql://replica-2/app"]
            max_replay_lag = "5s"

            [lint]
            pg_version = 15
            ignore = ["require-concurrent-index", "truncate-cascade"]

            [lint.severity]
            "foreign-key-without-index" = "error"
            """, path: path)
        #expect(configuration.path == path)
        #expect(configuration.databaseURLVariable == "PRIMARY_DATABASE_URL")
        #expect(configuration.historyTable == HistoryTable(schema: "ops", name: "migrations"))
        #expect(configuration.layout == .flyway)
        var expected = Self.settings(of: Self.custom)
        expected.standbys = ["STANDBY_URL"]
        expected.optionalStandbys = ["postgresql://replica-2/app"]
        expected.maxReplayLag = .seconds(5)
        #expect(configuration.apply == expected)
        #expect(configuration.lint.postgresVersion == 15)
        #expect(configuration.lint.ignoredRules == ["require-concurrent-index", "truncate-cascade"])
        #expect(configuration.lint.severityOverrides == ["foreign-key-without-index": .error])
    }

    /// docs/configuration.md's example lists every key with its built-in default.
    @Test func theDocumentedExampleHoldsTheBuiltInDefaults() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/configuration.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let block = try #require(text.components(separatedBy: "```toml\n").dropFirst().first?.components(separatedBy: "```").first)
        let example = try ProjectConfiguration(toml: block, path: docs.path)
        #expect(example.databaseURLVariable == ProjectConfiguration.defaultDatabaseURLVariable)
        #expect(example.historyTable == .defaultTable)
        #expect(example.layout == .auto)
        #expect(example.lint.postgresVersion == 17)
        var defaults = Self.settings(of: RunnerConfiguration())
        defaults.standbys = []
        defaults.optionalStandbys = []
        defaults.maxReplayLag = RunnerConfiguration().maxReplayLag
        #expect(example.apply == defaults)
    }

    /// Every apply setting of `configuration`.
    private static func settings(of configuration: RunnerConfiguration) -> ApplySettings {
        var settings = ApplySettings()
        settings.lockStrategy = configuration.lockStrategy
        settings.lockTimeout = configuration.lockTimeout
        settings.statementTimeout = configuration.statementTimeout
        settings.idleInTransactionTimeout = configuration.idleInTransactionTimeout
        settings.parallelWorkers = configuration.parallelWorkers
        settings.predict = configuration.predict
        settings.longTransaction = configuration.longTransactionAge
        settings.checkInterval = configuration.checkInterval
        settings.retryInitial = configuration.retry.initial
        settings.retryMax = configuration.retry.maximum
        settings.maxAttempts = configuration.maxAttempts
        settings.maxWait = configuration.maxWait
        settings.waitForRunner = configuration.waitForRunner
        return settings
    }

    /// `standbys` entries are URLs, keyword strings, or names of environment variables.
    @Test func standbysAreURLsOrEnvironmentVariables() throws {
        let configuration = try ProjectConfiguration(toml: """
            [apply]
            standbys = ["STANDBY_URL", "host=replica-1 dbname=app"]
            optional_standbys = ["postgresql://u:pw@replica-2/app"]
            """, path: path)
        let targets = try configuration.apply.standbyTargets(
            environment: ["STANDBY_URL": "postgresql://u:secret@replica-0/app"], path: path)
        // Each named by its redacted connection string: the standby's, never a password.
        #expect(targets.map(\.connectionString.redacted) == targets.map(\.name))
        #expect(targets.allSatisfy { !$0.name.contains("secret") && !$0.name.contains(":pw@") })
        #expect(targets[0].name.contains("replica-0") && targets[0].name.contains("password=***"))
        #expect(targets[1].name.contains("host=replica-1"))
        #expect(targets[2].name.contains("replica-2") && targets[2].name.contains("password=***"))
        #expect(targets.map(\.isOptional) == [false, false, true])
        #expect(throws: ConfigurationError(
            path: path, key: "apply.standbys",
            message: "names the environment variable STANDBY_URL, which is not set: set it to the standby's postgresql:// URL, or write the URL itself")
        ) {
            try configuration.apply.standbyTargets(environment: [:], path: path)
        }
        #expect(throws: ConfigurationError.self) {
            try ProjectConfiguration(toml: "[apply]\nstandbys = [\"\"]\n", path: path)
        }
    }

    @Test func anEmptyFileChangesNothing() throws {
        var expected = ProjectConfiguration()
        expected.path = path
        #expect(try ProjectConfiguration(toml: "# nothing yet\n", path: path) == expected)
    }

    @Test func unknownKeysAreErrorsNamingTheFileAndKey() {
        #expect(throws: ConfigurationError(
            path: path, key: "apply.lock_timout",
            message: "unknown key in [apply]; known keys: \(ApplySettings.keys.joined(separator: ", "))")) {
            try ProjectConfiguration(toml: "[apply]\nlock_timout = \"1s\"\n", path: path)
        }
        #expect(throws: ConfigurationError(
            path: path, key: "histroy_table",
            message: "unknown key at the top level; known keys: database_url_env, history_table, layout, apply, lint")) {
            try ProjectConfiguration(toml: "histroy_table = \"a.b\"\n", path: path)
        }
        #expect(throws: ConfigurationError(path: path, key: "lint.severity.no-such-rule", message: "unknown rule id no-such-rule; see docs/rules/README.md for the rules")) {
            try ProjectConfiguration(toml: "[lint.severity]\n\"no-such-rule\" = \"error\"\n", path: path)
        }
        #expect(throws: ConfigurationError(path: path, key: "lint.ignore", message: "unknown rule id no-such-rule; see docs/rules/README.md for the rules")) {
            try ProjectConfiguration(toml: "[lint]\nignore = [\"no-such-rule\"]\n", path: path)
        }
    }

    @Test func wrongTypesAndBadValuesAreErrorsNamingTheKey() {
        func error(_ toml: String) -> String? {
            do {
                _ = try ProjectConfiguration(toml: toml, path: path)
                return nil
            } catch {
                return error.description
            }
        }
        #expect(error("[apply]\nmax_attempts = \"10\"\n") == "\(path): apply.max_attempts: expected a whole number, found a string")
        #expect(error("[apply]\nlock_timeout = 2\n") == "\(path): apply.lock_timeout: expected a duration string such as \"5s\" or \"0\", found a whole number")
        #expect(error("[apply]\nlock_timeout = \"2 seconds\"\n")?.hasPrefix("\(path): apply.lock_timeout: invalid duration '2 seconds'") == true)
        #expect(error("[apply]\npredict = \"yes\"\n") == "\(path): apply.predict: expected true or false, found a string")
        #expect(error("[apply]\nmax_attempts = 0\n") == "\(path): apply.max_attempts: must be at least 1")
        #expect(error("[apply]\nparallel_workers = -1\n") == "\(path): apply.parallel_workers: must be from 0 to 1024")
        #expect(error("[apply]\nparallel_workers = 2000\n") == "\(path): apply.parallel_workers: must be from 0 to 1024")
        #expect(error("[apply]\nlock_strategy = \"wait\"\n") == "\(path): apply.lock_strategy: expected \"timeout\" or \"nowait\", found \"wait\"")
        #expect(error("apply = 3\n") == "\(path): apply: expected a table, as in [apply], found a whole number")
        #expect(error("layout = \"rails\"\n") == "\(path): layout: expected one of auto, plain, golang-migrate, flyway, dbmate, diesel, prisma, goose, sqlx, supabase, found \"rails\"")
        #expect(error("[lint]\nignore = \"require-concurrent-index\"\n") == "\(path): lint.ignore: expected an array of strings, found a string")
        #expect(error("[lint]\npg_version = 9\n") == "\(path): lint.pg_version: must be a PostgreSQL major version such as 15")
        #expect(error("[lint.severity]\n\"require-concurrent-index\" = \"fatal\"\n")
            == "\(path): lint.severity.require-concurrent-index: expected \"error\", \"warning\" or \"info\", found \"fatal\"")
        #expect(error("history_table = \"Bad.Name\"\n")?.hasPrefix("\(path): history_table: invalid history table 'Bad.Name'") == true)
    }

    @Test func syntaxErrorsPointAtTheLine() throws {
        let thrown = #expect(throws: ConfigurationError.self) {
            try ProjectConfiguration(toml: "layout = \"plain\"\n[apply\n", path: path)
        }
        #expect(thrown?.location?.line == 2)
        #expect(thrown?.description.hasPrefix("\(path):2:") == true)
    }

    @Test func theNearestFileUpTheTreeIsFound() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["a/b/migrations", "a/other"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        try Data().write(to: URL(fileURLWithPath: "\(root)/a/onlineddl.toml"))
        try Data().write(to: URL(fileURLWithPath: "\(root)/a/b/onlineddl.toml"))
        #expect(ProjectConfiguration.find(from: "\(root)/a/b/migrations") == "\(root)/a/b/onlineddl.toml")
        #expect(ProjectConfiguration.find(from: "\(root)/a/other") == "\(root)/a/onlineddl.toml")
        #expect(ProjectConfiguration.find(from: "\(root)/a") == "\(root)/a/onlineddl.toml")
        #expect(throws: ConfigurationError.self) { try ProjectConfiguration(contentsOf: "\(root)/missing.toml") }
        #expect(ProjectConfiguration.find(from: "/") == (FileManager.default.fileExists(atPath: "/onlineddl.toml") ? "/onlineddl.toml" : nil))
    }

    @Test func flagsOverrideTheFileWhichOverridesTheDefaults() {
        var file = ApplySettings()
        file.lockTimeout = .seconds(5)
        file.maxAttempts = 3
        file.predict = false
        var flags = ApplySettings()
        flags.lockTimeout = .milliseconds(250)
        flags.predict = true
        let configuration = flags.applied(to: file.applied(to: RunnerConfiguration()))
        #expect(configuration.lockTimeout == .milliseconds(250), "flag over file")
        #expect(configuration.predict, "flag over file")
        #expect(configuration.maxAttempts == 3, "file over default")
        #expect(configuration.checkInterval == RunnerConfiguration().checkInterval, "default")
        #expect(configuration.retry == RetryPolicy())
        #expect(Self.settings(of: Self.settings(of: Self.custom).applied(to: RunnerConfiguration())) == Self.settings(of: Self.custom),
                "every setting reaches the runner's configuration")
    }

    @Test func lintSettingsAddTheFlagsIgnoredRules() {
        var lint = LintSettings()
        lint.ignoredRules = ["truncate-cascade"]
        lint.severityOverrides = ["require-concurrent-index": .error]
        #expect(lint.configuration(ignoring: ["drop-in-use"]) == LintConfiguration(
            disabledRules: ["truncate-cascade", "drop-in-use"], severityOverrides: ["require-concurrent-index": .error]))
    }
}
