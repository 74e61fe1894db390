import ArgumentParser
import Foundation
import OnlineDDL

/// `onlineddl status`: applied, pending, partly applied and changed migrations.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which migrations are applied, pending, partly applied or changed since applied.",
        discussion: """
            Exit codes: 0 the history matches the files; 1 a database error, or an applied \
            file changed since it was applied (state "changed"); 2 usage or input error.
            """
    )

    @OptionGroup var folder: MigrationFolderOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var history: HistoryTableOption

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() throws {
        let project = try folder.projectConfiguration(verbose: connection.verbose)
        let files = try folder.load(project, verbose: connection.verbose)
        let unreadable = files.compactMap(\.readError)
        guard unreadable.isEmpty else { throw CommandFailure.usage(errors: unreadable) }
        let table = try history.table(project)
        let database = try connection.connect(project)
        let records: [String: HistoryRecord]
        do {
            // status never queues: a history table held in ACCESS EXCLUSIVE mode fails it at once.
            try database.execute("SET lock_timeout = \(PlanningSnapshot.lockTimeoutMilliseconds)")
            records = try table.records(on: database)
        } catch where error.sqlState == .lockNotAvailable {
            throw CommandFailure.lockedCatalog(table)
        } catch {
            throw CommandFailure.database(error.description)
        }
        let status = MigrationStatus(migrations: files, records: records, historyTable: table)
        switch format {
        case .json:
            let encoder = JSONEncoder.contract(pretty: true)
            Console.output(String(decoding: try encoder.encode(status), as: UTF8.self))
        case .text:
            Console.write(StatusTextReport.render(status))
        }
        if status.count(.changed) > 0 { throw ExitCode(ExitStatus.failure.rawValue) }
    }
}
