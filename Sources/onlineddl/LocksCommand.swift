import ArgumentParser
import Foundation
import OnlineDDL

/// `onlineddl locks`: the live lock queue, who waits for whom.
struct LocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locks",
        abstract: "Show the live lock queues: holders, waiters in queue order, and who waits for whom.",
        discussion: """
            Reads pg_locks and pg_stat_activity in one query and replays them through onlineddl's \
            model of PostgreSQL's lock manager, so it also shows soft waits: a request queued behind \
            another waiting request rather than behind a holder (the classic migration outage). \
            Without --relation or --all, only objects with a wait queue are shown. On a hot standby \
            it shows the startup process (WAL replay) in the queues, whom it waits for, the readers \
            queued behind it, and what max_standby_streaming_delay will do.
            """
    )

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var configuration: ConfigurationOptions
    @OptionGroup var queries: RedactQueriesOption

    @Option(help: ArgumentHelp("Show only this relation (schema.name, or a name), even with no waiters.", valueName: "name"))
    var relation: String?

    @Flag(help: "Show every locked object, not only those with waiters.")
    var all = false

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func run() throws {
        let database = try connection.connect(try configuration.load(verbose: connection.verbose))
        let table: LiveLockTable
        do {
            table = LiveLockTable(snapshot: try LockSnapshot.read(from: database), queryTexts: queries.policy)
        } catch {
            throw CommandFailure.database(error.description)
        }
        let report: LockQueueReport
        if let relation {
            let tag = table.tag(forRelation: relation)
            report = LockQueueReport(table, includeIdle: true) { $0 == tag }
        } else {
            report = LockQueueReport(table, includeIdle: all)
        }
        switch format {
        case .text:
            if let relation, report.objects.isEmpty {
                Console.output("No session holds or awaits a lock on \(relation).")
                Console.write(report.renderStandbyText())
            } else {
                Console.write(report.renderText())
            }
        case .json:
            let encoder = JSONEncoder.contract()
            Console.output(String(decoding: try encoder.encode(report), as: UTF8.self))
        }
        if !table.unplacedWaiters.isEmpty {
            Console.verbose("\(table.unplacedWaiters.count) waiting request(s) could not be placed by PostgreSQL's queue rules and are shown at the end of their queue", enabled: true)
        }
    }
}
