import OnlineDDLSupport

/// The gate's look at one hot standby before a statement that takes ACCESS EXCLUSIVE on
/// relations there: the standby's startup process replays that lock (standby.c
/// `StandbyAcquireAccessExclusiveLock`) and queues behind any session holding a lock on
/// them, stopping all replay and queueing every later reader of the relations behind it,
/// for up to `max_standby_streaming_delay`, after which the standby cancels the session.
/// The statement must wait while a session there holds such a lock in a long transaction,
/// the startup process already waits for a lock, replay is paused, replay lags more than
/// `--max-replay-lag`, or the standby has not replayed the previous ACCESS EXCLUSIVE commit.
/// A pure value: ``assess(_:standby:rules:)`` decides on a ``StandbySnapshot``.
public struct StandbyAssessment: Sendable, Equatable {
    /// The standby's name (its redacted connection string).
    public let standby: String
    /// Everything on the standby the statement would make readers wait for, each with
    /// ``GateBlocker/standby`` set: long ones must be waited for, young ones not.
    public let blockers: [GateBlocker]

    /// Whether the statement must not be sent yet.
    public var mustWait: Bool { blockers.contains(where: \.isLong) }

    /// What the gate holds a standby to.
    public struct Rules: Sendable, Equatable {
        /// A holder's transaction at least this old is long (`--long-transaction`).
        public var longTransactionAge: Double
        /// A holder idle in transaction this long is long (``GateAssessment/defaultIdleGrace``).
        public var idleGrace: Double
        /// `--max-replay-lag` in seconds; zero for no limit.
        public var maxReplayLag: Double
        /// The primary's insert position after the last ACCESS EXCLUSIVE commit, which the
        /// standby must have replayed; nil when there is none.
        public var replayTarget: WALPosition?
        /// How reports show the holders' queries.
        public var queryTexts: QueryTextPolicy

        public init(
            longTransactionAge: Double, idleGrace: Double = GateAssessment.defaultIdleGrace, maxReplayLag: Double,
            replayTarget: WALPosition? = nil, queryTexts: QueryTextPolicy = .shown
        ) {
            self.longTransactionAge = longTransactionAge
            self.idleGrace = idleGrace
            self.maxReplayLag = maxReplayLag
            self.replayTarget = replayTarget
            self.queryTexts = queryTexts
        }
    }

    /// Decides on `snapshot`, read on the standby named `standby`.
    public static func assess(_ snapshot: StandbySnapshot, standby: String, rules: Rules) -> StandbyAssessment {
        var blockers: [GateBlocker] = []
        func state(_ condition: StandbyCondition, _ reason: String) -> GateBlocker {
            GateBlocker(
                pid: nil, applicationName: nil, user: nil, state: nil, transactionAgeSeconds: nil, query: nil, isLong: true,
                reason: reason, standby: standby, condition: condition)
        }
        if snapshot.pauseState != .notPaused {
            blockers.append(state(.replayPaused, "replay \(snapshot.pauseState.rawValue)"))
        }
        for wait in snapshot.startupWaits {
            let waited = wait.waitingSeconds.map { " for \(DurationText.human(.seconds($0)))" } ?? ""
            let reason = "the startup process has waited\(waited) for it; replay stopped"
            if let holder = wait.holder {
                blockers.append(blocker(holder, .startupWaiting, isLong: true, reason: reason, standby: standby, rules: rules))
            } else {
                blockers.append(state(.startupWaiting, "the startup process (pid \(wait.startupPID)) waits for a lock\(waited); replay stopped"))
            }
        }
        if let target = rules.replayTarget, let replayed = snapshot.replayedUpTo,
           !target.isReplayed(byReplayAt: replayed, pageSize: snapshot.walPageSize) {
            blockers.append(state(.replayBehind, "has not replayed the last ACCESS EXCLUSIVE commit yet (replayed \(replayed), commit at \(target))"))
        }
        let lag = snapshot.replayLagSeconds
        if rules.maxReplayLag > 0, lag > rules.maxReplayLag {
            blockers.append(state(
                .replayLag, "replay lag \(DurationText.human(.seconds(lag))) (--max-replay-lag \(DurationText.format(.seconds(rules.maxReplayLag))))"))
        }
        let waitedFor = Set(blockers.compactMap(\.pid))
        var seen: Set<Int32> = []
        for holder in snapshot.holders where !waitedFor.contains(holder.pid) && seen.insert(holder.pid).inserted {
            let reason = longReason(holder, rules: rules)
            blockers.append(blocker(holder, .lockHolder, isLong: reason != nil, reason: reason ?? "young transaction", standby: standby, rules: rules))
        }
        return StandbyAssessment(standby: standby, blockers: blockers.sorted { $0.isLong && !$1.isLong })
    }

    /// Why a holder counts as long, as ``BlockerClassifier`` says for the primary, or nil.
    private static func longReason(_ holder: StandbySnapshot.LockHolder, rules: Rules) -> String? {
        BlockerClassifier.longTransactionReason(
            idleInTransaction: holder.isIdleInTransaction, idleSeconds: holder.stateSeconds,
            transactionAgeSeconds: holder.transactionAgeSeconds, longTransactionAge: rules.longTransactionAge,
            idleGrace: rules.idleGrace)
    }

    private static func blocker(
        _ holder: StandbySnapshot.LockHolder, _ condition: StandbyCondition, isLong: Bool, reason: String, standby: String,
        rules: Rules
    ) -> GateBlocker {
        GateBlocker(
            pid: holder.pid, applicationName: holder.applicationName, user: holder.user, state: holder.state,
            transactionAgeSeconds: holder.transactionAgeSeconds,
            query: holder.query.map { rules.queryTexts.text(of: $0).singleLine(limit: LockTableSession.queryLength) },
            isLong: isLong, reason: reason, standby: standby, condition: condition)
    }
}

/// What on a standby would make its readers wait behind a replayed ACCESS EXCLUSIVE lock.
public enum StandbyCondition: String, Sendable, Codable {
    /// A session there holds a lock on one of the relations (`pid` is the session).
    case lockHolder = "lock_holder"
    /// The startup process already waits for a lock, and replay has stopped (`pid` is the
    /// session it waits for, when known).
    case startupWaiting = "startup_waiting"
    /// `pg_wal_replay_pause()`.
    case replayPaused = "replay_paused"
    /// Replay lags more than `--max-replay-lag`.
    case replayLag = "replay_lag"
    /// The standby has not replayed the last ACCESS EXCLUSIVE unit apply committed.
    case replayBehind = "replay_behind"
}
