import ArgumentParser
import Foundation
import OnlineDDL

@main
struct OnlineDDLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "onlineddl",
        abstract: "Apply PostgreSQL schema migrations without stalling production traffic.",
        discussion: """
            onlineddl parses each statement with PostgreSQL's own parser, knows which locks it \
            takes, and checks the live lock queue before sending it, so a migration never \
            queues behind a long transaction and stalls every query behind it.

            Exit codes: 0 success, 1 database or migration error, 2 usage or input error, 3 gave up waiting for locks (apply).
            """,
        version: OnlineDDLVersion.current,
        subcommands: [ApplyCommand.self, StatusCommand.self, PlanCommand.self, AdoptCommand.self, BaselineCommand.self, LocksCommand.self, SimulateCommand.self, PingCommand.self]
    )

    /// Runs the command line, mapping usage errors to exit code 2 and other failures to theirs.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            Console.error(failure.message)
            Foundation.exit(failure.exitStatus.rawValue)
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            Console.usageError(fullMessage(for: error))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}
