import ArgumentParser
import Foundation
import OnlineDDL

/// `onlineddl plan`: a dry run, and an offline linter for CI.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what each pending migration would lock, rewrite or scan, lint it, and predict lock waits.",
        discussion: """
            Offline (--offline, or when no database is given) it analyzes every file and runs the \
            lint rules: use it in CI. Against a database (--database-url, DATABASE_URL, or PG* \
            variables such as PGHOST or PGDATABASE) it plans only pending migrations, uses the \
            server's version, names relations as the server resolves them, and predicts from the \
            live lock table whether each statement's locks would be granted now or behind whom \
            it would queue.

            Give migration folders, or migration files (those a change touched): a file is \
            planned with the files of its folder that run before it as history. A file that \
            cannot be read or parsed is reported as an error finding (syntax-error, \
            unreadable-file) and every other file is still planned.

            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on (with \
            --fail-on wait: errors, or a statement predicted to wait), or a database error; 2 \
            usage or input error (missing folder, no migration found, bad file name, a file that \
            cannot be read or parsed: reported after the whole plan).
            """
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case error, warning, wait
    }

    enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @OptionGroup var folder: MigrationPathsOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var history: HistoryTableOption
    @OptionGroup var queries: RedactQueriesOption
    @OptionGroup var standbys: StandbyOptions

    @Flag(help: "Do not connect: analyze and lint every file.")
    var offline = false

    @Option(name: .customLong("pg-version"), help: ArgumentHelp("PostgreSQL major version to plan for when offline (default: [lint] pg_version, else \(PlanCommand.defaultVersion)).", valueName: "n"))
    var postgresVersion: Int?

    @Option(help: "Output format.")
    var format: PlanFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when there are findings of this severity or worse; `wait` also when a lock wait is predicted.")
    var failOn: FailOn = .error

    @Option(name: .customLong("ignore"), help: ArgumentHelp("Disable a rule (repeatable; adds to [lint] ignore).", valueName: "rule-id"))
    var ignoredRules: [String] = []

    static let defaultVersion = 17

    func validate() throws {
        if let postgresVersion, !LintSettings.postgresVersions.contains(postgresVersion) {
            throw ValidationError("--pg-version must be a PostgreSQL major version such as 15")
        }
        if offline, !standbys.required.isEmpty || !standbys.optional.isEmpty {
            throw ValidationError("--standby and --standby-optional need the primary: plan against a database, not --offline")
        }
        let unknown = LintConfiguration(disabledRules: Set(ignoredRules)).unknownRuleIDs
        if !unknown.isEmpty {
            throw ValidationError("unknown rule id(s) for --ignore: \(unknown.joined(separator: ", ")); see docs/rules/README.md")
        }
    }

    /// Connected unless --offline, when a database is named by the flag or the environment.
    private func isConnected(_ project: ProjectConfiguration) -> Bool {
        guard !offline else { return false }
        if connection.databaseURL != nil { return true }
        let environment = ProcessInfo.processInfo.environment
        return [ConnectionOptions.urlVariable(project), "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]
            .contains { environment[$0].map { !$0.isEmpty } ?? false }
    }

    func run() throws {
        let project = try folder.projectConfiguration(verbose: connection.verbose)
        let folders = try folder.load(project, verbose: connection.verbose)
        let linter = Linter(configuration: project.lint.configuration(ignoring: ignoredRules))
        let plan = isConnected(project)
            ? try planConnected(folders, linter: linter, project: project)
            : planOffline(folders, linter: linter, version: postgresVersion ?? project.lint.postgresVersion ?? Self.defaultVersion)
        try print(plan)
        let unusable = plan.migrations.filter { !$0.planned }.flatMap { migration in
            migration.findings.map { "\(migration.file):\($0.line):\($0.column): \($0.message)" }
        }
        if !unusable.isEmpty { throw CommandFailure.usage(errors: unusable) }
        if shouldFail(plan) { throw ExitCode(ExitStatus.failure.rawValue) }
    }

    /// Each folder is planned on its own (its files are the history of its later files only).
    private func planOffline(_ folders: [[MigrationPlanner.Input]], linter: Linter, version: Int) -> MigrationPlan {
        Console.verbose("offline: planning every file for PostgreSQL \(version)", enabled: connection.verbose)
        let planner = MigrationPlanner(postgresMajorVersion: version, linter: linter)
        return MigrationPlan(
            postgresVersion: version, connected: false,
            migrations: folders.flatMap { planner.plan($0, connected: false).migrations })
    }

    private func planConnected(_ folders: [[MigrationPlanner.Input]], linter: Linter, project: ProjectConfiguration) throws -> MigrationPlan {
        let database = try connection.connect(project)
        let historyTable = try history.table(project)
        let plan: MigrationPlan
        do {
            let version = database.serverVersion / 10000
            if let postgresVersion, postgresVersion != version {
                Console.verbose("--pg-version \(postgresVersion) ignored: the server is PostgreSQL \(version)", enabled: true)
            }
            // plan never queues: its reads avoid every relation someone holds in ACCESS
            // EXCLUSIVE mode, and a locked system catalog or history table fails it at once.
            try database.execute("SET lock_timeout = \(PlanningSnapshot.lockTimeoutMilliseconds)")
            let snapshot = try PlanningSnapshot.read(from: database)
            let applied = try historyTable.appliedVersions(on: database)
            let pending = folders.map { inputs in inputs.filter { !applied.contains($0.file.canonicalVersion) } }
            let reported = folders.joined().filter { !$0.historyOnly }
            let pendingCount = pending.joined().filter { !$0.historyOnly }.count
            Console.verbose("\(reported.count - pendingCount) applied, \(pendingCount) pending", enabled: connection.verbose)
            let live = LiveLockTable(snapshot: snapshot.locks, queryTexts: queries.policy)
            let planner = MigrationPlanner(postgresMajorVersion: version, linter: linter)
            let resolve = MigrationPlanner.resolved(through: snapshot.catalog)
            // Read at the first CONCURRENTLY statement, once: other plans read nothing more.
            var sessions: ConcurrentWaitSnapshot?
            let readSessions = { () throws(PostgresError) -> ConcurrentWaitSnapshot? in
                if sessions == nil { sessions = try ConcurrentWaitSnapshot.read(from: database) }
                return sessions
            }
            var migrations: [MigrationPlan.Migration] = []
            for inputs in pending {
                migrations += try planner.plan(
                    inputs, connected: true, resolve: resolve, liveLocks: live, concurrentSessions: readSessions).migrations
            }
            plan = MigrationPlan(postgresVersion: version, connected: true, migrations: migrations)
        } catch where error.sqlState == .lockNotAvailable {
            throw CommandFailure.lockedCatalog(historyTable)
        } catch {
            throw CommandFailure.database(error.description)
        }
        return try predictStandbys(plan, database: database, project: project)
    }

    /// With `--standby` (or `[apply]` standbys), each standby's prediction for the statements
    /// that take ACCESS EXCLUSIVE, judged as `apply --standby` would. A standby that cannot
    /// be read is an error (exit 1), unless optional: then it is named and left out.
    private func predictStandbys(_ plan: MigrationPlan, database: Connection, project: ProjectConfiguration) throws -> MigrationPlan {
        let targets = try standbys.targets(project)
        guard !targets.isEmpty else { return plan }
        var links: [(name: String, connection: Connection)] = []
        for target in targets {
            do {
                links.append((target.name, try target.open()))
            } catch where target.isOptional {
                Console.error("standby \(target.name) left out: \(error.description)")
            } catch {
                throw CommandFailure.database("standby \(target.name): \(error.description)")
            }
        }
        // The gate's settings from onlineddl.toml's [apply], as apply would judge.
        let configuration = project.apply.applied(to: RunnerConfiguration())
        let rules = StandbyAssessment.Rules(
            longTransactionAge: configuration.longTransactionAge.seconds,
            maxReplayLag: (standbys.maxReplayLag?.duration ?? configuration.maxReplayLag).seconds, queryTexts: queries.policy)
        do {
            let databaseID = UInt32(try database.query("SELECT oid::int8 AS oid FROM pg_database WHERE datname = current_database()")
                .rows[0].decode("oid", as: Int64.self))
            return try plan.predictingStandbys(links, databaseID: databaseID, rules: rules)
        } catch {
            throw CommandFailure.database("reading the standbys: \(error.description)")
        }
    }

    private func print(_ plan: MigrationPlan) throws {
        switch format {
        case .text:
            Console.write(PlanTextReport.render(plan))
        case .github:
            Console.write(GitHubAnnotations.render(plan))
        case .json:
            Console.output(try PlanJSONReport.render(plan))
        }
    }

    private func shouldFail(_ plan: MigrationPlan) -> Bool {
        let worst = plan.allFindings.map(\.finding.severity).max()
        switch failOn {
        case .error: return worst == .error
        case .warning: return worst.map { $0 >= .warning } ?? false
        case .wait: return worst == .error || plan.predictsWait
        }
    }
}
