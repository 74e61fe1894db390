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

    @Option(
        name: .customLong("standby"),
        help: ArgumentHelp("Also show this hot standby's lock queues (repeatable); unreachable: exit 1.", valueName: "url"))
    var standbyURLs: [String] = []

    /// A standby's queues, in JSON beside the primary's.
    private struct StandbyQueues: Encodable {
        let standby: String
        let report: LockQueueReport
    }

    /// The primary's report, with `standbys` only when `--standby` is given.
    private struct Output: Encodable {
        let report: LockQueueReport
        let standbys: [StandbyQueues]?

        private enum CodingKeys: String, CodingKey { case standbys }

        func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(standbys, forKey: .standbys)
        }
    }

    func run() throws {
        let database = try connection.connect(try configuration.load(verbose: connection.verbose))
        let (table, report) = try queues(on: database)
        var standbys: [StandbyQueues] = []
        for url in standbyURLs {
            let target = StandbyTarget(ConnectionString(url))
            do {
                standbys.append(StandbyQueues(standby: target.name, report: try queues(on: try target.open()).report))
            } catch let failure as CommandFailure {
                throw CommandFailure.database("standby \(target.name): \(failure.message)")
            } catch {
                throw CommandFailure.database("standby \(target.name): \(error)")
            }
        }
        switch format {
        case .text:
            write(report)
            for standby in standbys {
                Console.output("\nstandby \(standby.standby):")
                write(standby.report)
            }
        case .json:
            let output = Output(report: report, standbys: standbyURLs.isEmpty ? nil : standbys)
            Console.output(String(decoding: try JSONEncoder.contract().encode(output), as: UTF8.self))
        }
        if !table.unplacedWaiters.isEmpty {
            Console.verbose("\(table.unplacedWaiters.count) waiting request(s) could not be placed by PostgreSQL's queue rules and are shown at the end of their queue", enabled: true)
        }
    }

    /// The lock table of the server on `database`, and the report `--relation`/`--all` ask for.
    private func queues(on database: Connection) throws -> (table: LiveLockTable, report: LockQueueReport) {
        let table: LiveLockTable
        do {
            table = LiveLockTable(snapshot: try LockSnapshot.read(from: database), queryTexts: queries.policy)
        } catch {
            throw CommandFailure.database(error.description)
        }
        if let relation {
            let tag = table.tag(forRelation: relation)
            return (table, LockQueueReport(table, includeIdle: true) { $0 == tag })
        }
        return (table, LockQueueReport(table, includeIdle: all))
    }

    private func write(_ report: LockQueueReport) {
        if let relation, report.objects.isEmpty {
            Console.output("No session holds or awaits a lock on \(relation).")
            Console.write(report.renderStandbyText())
        } else {
            Console.write(report.renderText())
        }
    }
}
