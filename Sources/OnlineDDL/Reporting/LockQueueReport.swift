import Foundation

/// The live lock queue per object, as `onlineddl locks` shows it: holders, waiters in
/// queue order, and who waits for whom, with soft waits (behind a queued request) marked.
public struct LockQueueReport: Codable, Sendable, Equatable {
    /// A backend as the report shows it.
    public struct Session: Codable, Sendable, Equatable {
        public let pid: Int32?
        /// `pg_locks.virtualtransaction`.
        public let virtualTransaction: String
        public let applicationName: String?
        public let user: String?
        public let state: String?
        /// Seconds since the session's transaction began.
        public let transactionAgeSeconds: Double?
        /// The current or last statement, as the table's ``QueryTextPolicy`` shows it, on
        /// one line and at most `queryLength` characters.
        public let query: String?

        enum CodingKeys: String, CodingKey {
            case pid, state, user, query
            case virtualTransaction = "virtual_transaction"
            case applicationName = "application_name"
            case transactionAgeSeconds = "transaction_age_seconds"
        }

        /// Writes every key, unknown values as null.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(pid, forKey: .pid)
            try container.encode(virtualTransaction, forKey: .virtualTransaction)
            try container.encode(applicationName, forKey: .applicationName)
            try container.encode(user, forKey: .user)
            try container.encode(state, forKey: .state)
            try container.encode(transactionAgeSeconds, forKey: .transactionAgeSeconds)
            try container.encode(query, forKey: .query)
        }
    }

    public struct Holder: Codable, Sendable, Equatable {
        public let session: Session
        public let modes: [LockMode]
    }

    public struct Waiter: Codable, Sendable, Equatable {
        /// 1 for the front of the queue.
        public let position: Int
        public let session: Session
        public let mode: LockMode
        /// pids holding a conflicting mode (0 for a prepared transaction).
        public let blockedBy: [Int32]
        /// pids queued ahead with a conflicting request.
        public let queuedBehind: [Int32]

        enum CodingKeys: String, CodingKey {
            case position, session, mode
            case blockedBy = "blocked_by"
            case queuedBehind = "queued_behind"
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

    /// Longest query text shown per session.
    public static let queryLength = 120

    /// Builds the report from a replayed snapshot, keeping the objects that `include` accepts.
    public init(_ table: LiveLockTable, includeIdle: Bool = false, include: (LockTag) -> Bool = { _ in true }) {
        let session = table.session
        objects = table.queues(includeIdle: includeIdle).filter { include($0.tag) }.map { queue in
            Object(
                type: queue.tag.type, name: queue.tag.description,
                holders: queue.holders.map { Holder(session: session($0.session), modes: $0.modes) },
                waiters: queue.waiters.enumerated().map { position, waiter in
                    Waiter(
                        position: position + 1, session: session(waiter.session), mode: waiter.mode,
                        blockedBy: waiter.hardBlockers.map { table.pid(of: $0) ?? 0 },
                        queuedBehind: waiter.softBlockers.map { table.pid(of: $0) ?? 0 }
                    )
                }
            )
        }
    }

    static func oneLine(_ query: String) -> String {
        query.singleLine(limit: queryLength)
    }

    /// The report as an indented tree.
    public func renderText() -> String {
        if objects.isEmpty { return "No session is waiting for a lock.\n" }
        var lines: [String] = []
        for object in objects {
            lines.append("\(object.name) (\(object.type)): \(object.holders.count) holding, \(object.waiters.count) waiting")
            for holder in object.holders {
                lines.append("  holds   \(Self.describe(holder.session))  \(holder.modes.map(\.pgLocksName).joined(separator: ", "))")
                lines.append(contentsOf: Self.details(holder.session))
            }
            for waiter in object.waiters {
                lines.append("  waits #\(waiter.position)  \(Self.describe(waiter.session))  \(waiter.mode.pgLocksName)")
                if !waiter.blockedBy.isEmpty {
                    lines.append("      blocked by pid \(waiter.blockedBy.map(String.init).joined(separator: ", pid ")) (holding a conflicting lock)")
                }
                if !waiter.queuedBehind.isEmpty {
                    lines.append("      soft wait: queued behind pid \(waiter.queuedBehind.map(String.init).joined(separator: ", pid ")) (waiting ahead for a conflicting lock)")
                }
                lines.append(contentsOf: Self.details(waiter.session))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ session: Session) -> String {
        var parts = [session.pid.map { "pid \($0)" } ?? "prepared \(session.virtualTransaction)"]
        if let state = session.state { parts.append(state) }
        if let age = session.transactionAgeSeconds { parts.append("xact \(Duration.seconds(age).formattedForHumans)") }
        if let application = session.applicationName, !application.isEmpty { parts.append("app \(application)") }
        return parts.joined(separator: ", ")
    }

    private static func details(_ session: Session) -> [String] {
        guard let query = session.query, !query.isEmpty else { return [] }
        return ["      query: \(query)"]
    }
}

extension Duration {
    /// `850ms`, `12.3s`, `5m12s`, `2h05m`.
    var formattedForHumans: String {
        let (seconds, attoseconds) = components
        let total = Double(seconds) + Double(attoseconds) / 1e18
        switch total {
        case ..<1: return "\(Int((total * 1000).rounded()))ms"
        case ..<60: return String(format: "%.1fs", total)
        case ..<3600: return "\(Int(total) / 60)m\(String(format: "%02d", Int(total) % 60))s"
        default: return "\(Int(total) / 3600)h\(String(format: "%02d", Int(total) % 3600 / 60))m"
        }
    }
}

extension LiveLockTable {
    /// A session of the snapshot as reports show it, its query as ``queryTexts`` says and
    /// then on one line, cut to ``LockQueueReport/queryLength``.
    public func session(_ name: String) -> LockQueueReport.Session {
        let pid = pid(of: name)
        let activity = pid.flatMap { snapshot.activity[$0] }
        return LockQueueReport.Session(
            pid: pid, virtualTransaction: name, applicationName: activity?.applicationName,
            user: activity?.user, state: activity?.state,
            transactionAgeSeconds: activity?.transactionStart.map { max(0, snapshot.takenAt - $0) },
            query: activity?.query.map { LockQueueReport.oneLine(queryTexts.text(of: $0)) }
        )
    }
}
