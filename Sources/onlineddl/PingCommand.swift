import ArgumentParser
import OnlineDDL

/// `onlineddl ping`: checks that the database is reachable with the given credentials.
struct PingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ping",
        abstract: "Connect to the database and print the server's version.",
        discussion: "Use it in a pipeline to check credentials and reachability before a deploy."
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var configuration: ConfigurationOptions

    func run() throws {
        let database = try connection.connect(try configuration.load(verbose: connection.verbose))
        do {
            let row = try database.query(
                "SELECT current_setting('server_version') AS version, current_user AS role, current_database() AS database"
            ).rows[0]
            let version: String = try row.decode("version")
            let role: String = try row.decode("role")
            let name: String = try row.decode("database")
            Console.output("PostgreSQL \(version) (server_version_num \(database.serverVersion)): database \(name) as \(role)")
        } catch {
            throw CommandFailure.database(error.description)
        }
    }
}
