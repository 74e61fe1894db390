import Foundation
import OnlineDDLLocking
import OnlineDDLSupport

/// The live lock queue per object, as `onlineddl locks` shows it: holders, waiters in
/// queue order, and who waits for whom, with soft waits (behind a queued request) marked.
public struct LockQueueReport: Codable, Sendable, Equatable {
    public struct Holder: Codable, Sendable, Equatable {
        public let session: LockTableSession
        public let modes: [LockMode]
    }

    public struct Waiter: Codable, Sendable, Equatable {
        /// 1 for the front of the queue.
        public let position: Int
        public let session: LockTableSession
        public let mode: LockMode
        /// pids holding a conflicting mode (0 for a prepared transaction).
        public let blockedBy: [Int32]
        /// pids queued ahead with a conflicting request.
        public let queuedBehind: [Int32]
        /// Seconds since `pg_locks.waitstart`; only for a standby's startup process
        /// (JSON key absent otherwise).
        public let waitingSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case position, session, mode
            case blockedBy = "blocked_by"
            case queuedBehind = "queued_behind"
            case waitingSeconds = "waiting_seconds"
        }
    }

    public struct Object: Codable, Sendable, Equatable {
        /// `relation`, `transactionid`, `tuple`, …
        public let type: String
        /// The relation's schema-qualified name, or the lock type and key.
        public let name: String
        public let holders: [Holder]
        public let waiters: [Waiter]
    }

    public let objects: [Object]
    /// Present only when the server is a hot standby.
    public let standby: StandbyReplayReport?

    /// Builds the report from a replayed snapshot, keeping the objects that `include` accepts.
    public init(_ table: LiveLockTable, includeIdle: Bool = false, include: (LockTag) -> Bool = { _ in true }) {
        let session = table.session
        standby = table.snapshot.standby.map { StandbyReplayReport(table, recovery: $0) }
        objects = table.queues(includeIdle: includeIdle).filter { include($0.tag) }.map { queue in
            Object(
                type: queue.tag.type, name: queue.tag.description,
                holders: queue.holders.map { Holder(session: session($0.session), modes: $0.modes) },
                waiters: queue.waiters.enumerated().map { position, waiter in
                    Waiter(
                        position: position + 1, session: session(waiter.session), mode: waiter.mode,
                        blockedBy: waiter.hardBlockers.map { table.pid(of: $0) ?? 0 },
                        queuedBehind: waiter.softBlockers.map { table.pid(of: $0) ?? 0 },
                        waitingSeconds: table.isStartupProcess(waiter.session) ? table.waitingSeconds(of: waiter.session) : nil
                    )
                }
            )
        }
    }

    /// The report as an indented tree, then, on a standby whose replay is stalled, what
    /// the stall does.
    public func renderText() -> String {
        if objects.isEmpty { return "No session is waiting for a lock.\n" + renderStandbyText() }
        var lines: [String] = []
        for object in objects {
            lines.append("\(object.name) (\(object.type)): \(object.holders.count) holding, \(object.waiters.count) waiting")
            for holder in object.holders {
                lines.append("  holds   \(Self.describe(holder.session))  \(holder.modes.map(\.pgLocksName).joined(separator: ", "))")
                lines.append(contentsOf: Self.details(holder.session))
            }
            for waiter in object.waiters {
                lines.append("  waits #\(waiter.position)  \(Self.describe(waiter.session, waiting: waiter.waitingSeconds))  \(waiter.mode.pgLocksName)")
                if !waiter.blockedBy.isEmpty {
                    lines.append("      blocked by pid \(waiter.blockedBy.map(String.init).joined(separator: ", pid ")) (holding a conflicting lock)")
                }
                if !waiter.queuedBehind.isEmpty {
                    lines.append("      soft wait: queued behind pid \(waiter.queuedBehind.map(String.init).joined(separator: ", pid ")) (waiting ahead for a conflicting lock)")
                }
                lines.append(contentsOf: Self.details(waiter.session))
            }
        }
        return lines.joined(separator: "\n") + "\n" + renderStandbyText()
    }

    /// The stalled-replay lines of a standby, empty when replay is not waiting.
    public func renderStandbyText() -> String {
        standby?.renderText() ?? ""
    }

    private static func describe(_ session: LockTableSession, waiting: Double? = nil) -> String {
        if session.isStartupProcess {
            var startup = "startup (WAL replay)" + (session.pid.map { " pid \($0)" } ?? "")
            if let waiting { startup += ", waiting \(DurationText.human(.seconds(waiting)))" }
            return startup
        }
        var parts = [session.pid.map { "pid \($0)" } ?? "prepared \(session.virtualTransaction)"]
        if let state = session.state { parts.append(state) }
        if let age = session.transactionAgeSeconds { parts.append("xact \(DurationText.human(.seconds(age)))") }
        if let application = session.applicationName, !application.isEmpty { parts.append("app \(application)") }
        return parts.joined(separator: ", ")
    }

    private static func details(_ session: LockTableSession) -> [String] {
        guard let query = session.query, !query.isEmpty else { return [] }
        return ["      query: \(query)"]
    }
}
