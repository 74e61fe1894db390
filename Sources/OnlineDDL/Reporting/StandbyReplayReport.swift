import OnlineDDLLocking
import OnlineDDLSupport

/// What `onlineddl locks` adds on a hot standby: its `max_standby_streaming_delay` and,
/// while the startup process waits for a lock it replays, the stall: whom it waits for,
/// the readers queued behind it, and when the standby will cancel the holders.
public struct StandbyReplayReport: Codable, Sendable, Equatable {
    /// The startup process waiting for a lock (`ResolveRecoveryConflictWithLock()`): no WAL
    /// is replayed until it is granted.
    public struct Stall: Codable, Sendable, Equatable {
        public let startupPID: Int32?
        /// The relation's schema-qualified name, or the lock type and key.
        public let relation: String
        public let mode: LockMode
        /// Seconds since `pg_locks.waitstart`; nil if the server has not set it yet.
        public let waitingSeconds: Double?
        /// The sessions holding a conflicting lock: those the standby cancels when the
        /// delay runs out (derived from `pg_locks`: `pg_blocking_pids()` of the startup
        /// process is always empty).
        public let holders: [LockTableSession]
        /// pids queued ahead of the startup process with a conflicting request.
        public let queuedBehind: [Int32]
        /// pids of the waiting requests queued behind the startup process.
        public let stalledReaders: [Int32]
        /// At the latest, seconds until the standby cancels the holders: the delay counts
        /// from the last WAL receipt, which is no later than the wait's start. Nil when the
        /// delay is -1 (replay waits for the holders) or the wait's start is unknown.
        public let cancelsWithinSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case relation, mode, holders
            case startupPID = "startup_pid"
            case waitingSeconds = "waiting_seconds"
            case queuedBehind = "queued_behind"
            case stalledReaders = "stalled_readers"
            case cancelsWithinSeconds = "cancels_within_seconds"
        }

        /// Writes every key, unknown values as null.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(startupPID, forKey: .startupPID)
            try container.encode(relation, forKey: .relation)
            try container.encode(mode, forKey: .mode)
            try container.encode(waitingSeconds, forKey: .waitingSeconds)
            try container.encode(holders, forKey: .holders)
            try container.encode(queuedBehind, forKey: .queuedBehind)
            try container.encode(stalledReaders, forKey: .stalledReaders)
            try container.encode(cancelsWithinSeconds, forKey: .cancelsWithinSeconds)
        }
    }

    /// `max_standby_streaming_delay` in seconds; -1: replay waits for the holders, however long.
    public let maxStandbyStreamingDelaySeconds: Double
    /// Nil while replay is not waiting for a lock.
    public let replayStall: Stall?

    enum CodingKeys: String, CodingKey {
        case maxStandbyStreamingDelaySeconds = "max_standby_streaming_delay_seconds"
        case replayStall = "replay_stall"
    }

    /// The standby part of a report of `table`, read on a standby in `recovery`.
    public init(_ table: LiveLockTable, recovery: StandbyRecovery) {
        let delay: Double? = switch recovery.maxStandbyStreamingDelay {
        case .forever: nil
        case .seconds(let seconds): seconds
        }
        maxStandbyStreamingDelaySeconds = delay ?? -1
        replayStall = table.replayStall.map { stall in
            Stall(
                startupPID: stall.pid, relation: stall.tag.description, mode: stall.mode, waitingSeconds: stall.waitingSeconds,
                holders: stall.holders.map(table.session), queuedBehind: stall.queuedBehind.map { table.pid(of: $0) ?? 0 },
                stalledReaders: stall.stalledReaders.map { table.pid(of: $0) ?? 0 },
                cancelsWithinSeconds: delay.map { max(0, $0 - (stall.waitingSeconds ?? 0)) })
        }
    }

    /// Writes every key, a replay that is not stalled as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(maxStandbyStreamingDelaySeconds, forKey: .maxStandbyStreamingDelaySeconds)
        try container.encode(replayStall, forKey: .replayStall)
    }

    /// Two lines when replay is stalled (what waits for whom, what the delay will do),
    /// nothing otherwise.
    public func renderText() -> String {
        guard let stall = replayStall else { return "" }
        let startup = "startup (WAL replay)" + (stall.startupPID.map { " pid \($0)" } ?? "")
        let waited = stall.waitingSeconds.map { " has waited \(DurationText.human(.seconds($0)))" } ?? " waits"
        var reason = [stall.holders.isEmpty ? nil : "blocked by \(Self.pids(stall.holders.compactMap(\.pid)))",
                      stall.queuedBehind.isEmpty ? nil : "queued behind \(Self.pids(stall.queuedBehind))"]
            .compactMap { $0 }.joined(separator: ", ")
        if !reason.isEmpty { reason = ", " + reason }
        let readers = stall.stalledReaders.count == 1 ? "1 reader" : "\(stall.stalledReaders.count) readers"
        let queued = stall.stalledReaders.isEmpty ? "" : "; \(readers) queued behind it (\(Self.pids(stall.stalledReaders)))"
        var lines = ["Replay is stalled: \(startup)\(waited) for \(stall.mode.pgLocksName) on \(stall.relation)\(reason)\(queued). No WAL is replayed on this standby until it is granted."]
        if let within = stall.cancelsWithinSeconds {
            let outcomes = stall.holders.map { holder in
                let pid = holder.pid.map { "pid \($0)" } ?? holder.virtualTransaction
                return holder.state?.hasPrefix("idle in transaction") == true
                    ? "\(pid) (idle in transaction) loses its connection" : "\(pid) has its statement cancelled"
            }
            let delay = DurationText.format(.seconds(maxStandbyStreamingDelaySeconds))
            lines.append("max_standby_streaming_delay = \(delay): at the latest in \(DurationText.human(.seconds(within))) the standby ends the conflicting transactions"
                + (outcomes.isEmpty ? "." : ": \(outcomes.joined(separator: ", ")) (SQLSTATE 40001)."))
        } else {
            lines.append("max_standby_streaming_delay = -1: replay waits until \(stall.holders.isEmpty ? "the conflicting transactions end" : Self.pids(stall.holders.compactMap(\.pid)) + " ends its transaction"); nothing is cancelled.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func pids(_ pids: [Int32]) -> String {
        "pid " + pids.map(String.init).joined(separator: ", pid ")
    }
}
