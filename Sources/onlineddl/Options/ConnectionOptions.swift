import ArgumentParser
import Foundation
import OnlineDDL

/// How every command that talks to a database finds it.
struct ConnectionOptions: ParsableArguments {
    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "A postgresql:// URL or libpq keyword string.",
            discussion: "Default: $DATABASE_URL (or the variable onlineddl.toml's database_url_env names), else libpq's PG* environment variables (PGHOST, PGUSER, PGPASSWORD, …).",
            valueName: "url"
        )
    )
    var databaseURL: String?

    @Flag(name: .long, help: "Print what onlineddl does to standard error (passwords are never shown).")
    var verbose = false

    /// The environment variable that holds the database URL for `project`.
    static func urlVariable(_ project: ProjectConfiguration) -> String {
        project.databaseURLVariable ?? ProjectConfiguration.defaultDatabaseURLVariable
    }

    /// The flag, else the project's URL variable (`DATABASE_URL` by default), else libpq's
    /// defaults and `PG*` variables.
    func connectionString(_ project: ProjectConfiguration) -> ConnectionString {
        if let databaseURL { return ConnectionString(databaseURL) }
        if let fromEnvironment = ProcessInfo.processInfo.environment[Self.urlVariable(project)], !fromEnvironment.isEmpty {
            return ConnectionString(fromEnvironment)
        }
        return .environment
    }

    /// Opens a connection, turning failures into a `CommandFailure` with exit code 1.
    func connect(_ project: ProjectConfiguration) throws(CommandFailure) -> Connection {
        let target = connectionString(project)
        Console.verbose("connecting to \(target.redacted)", enabled: verbose)
        do {
            let connection = try Connection(target)
            Console.verbose("connected to \(connection.target), backend pid \(connection.backendPID)", enabled: verbose)
            return connection
        } catch {
            throw .database(
                "could not connect: \(error.message)\n  check --database-url, DATABASE_URL or the PG* variables, "
                    + "and that the server accepts connections from here")
        }
    }
}
