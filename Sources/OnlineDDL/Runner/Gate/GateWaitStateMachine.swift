import OnlineDDLLocking
import OnlineDDLSupport

/// The prediction gate's wait before a statement or an attempt as a value, like
/// ``AttemptStateMachine``: after each look at the lock table (``assessed(_:waited:lockWait:)``)
/// it decides whether to send, to look again after `--check-interval`, or to give up when
/// the wait would spend the run's `--max-wait` budget, and which event reports it.
/// `MigrationRunner.passGate` reads the lock table, assesses it, and performs the action.
struct GateWaitStateMachine {
    /// What the runner does after a look.
    enum Action {
        /// Reports `report`, counts `lockWait` as waiting for locks, and sends.
        case proceed(RunEvent.StatementPredicted, lockWait: Duration)
        /// Reports `report` (`waiting` when the long blockers changed, else
        /// `still_waiting`), sleeps `interval`, and looks again.
        case wait(RunEvent, interval: Duration)
        /// Reports `report`, counts `lockWait` as waiting for locks, and stops the run with `failure`.
        case giveUp(RunFailure, report: RunEvent, lockWait: Duration)
    }

    /// The statement the locks are for (the first that takes any, for an attempt).
    let position: StatementPosition
    /// Whether to wait while the verdict is ``GateAssessment/Verdict/wait``; inside a
    /// transaction the runner yields instead, so the first verdict goes back.
    let waitIfBlocked: Bool
    /// `--max-wait`: the whole run's budget for waiting on locks.
    let maxWait: Duration
    /// `--check-interval`.
    let checkInterval: Duration
    /// The statement's own lock, named in `waiting` when the assessment predicts no lock
    /// (a `CONCURRENTLY` statement held back for the transactions it would wait for).
    let ownLock: RelationLock?
    /// What a `CONCURRENTLY` statement would wait for between its own transactions, for
    /// `statement_predicted`.
    let concurrentWaits: [ConcurrentWait]?
    /// The long blockers last reported; nil until the gate first has to wait.
    private var reportedBlockers: [String]?

    init(
        position: StatementPosition, waitIfBlocked: Bool, maxWait: Duration, checkInterval: Duration,
        ownLock: RelationLock? = nil, concurrentWaits: [ConcurrentWait]? = nil
    ) {
        self.position = position
        self.waitIfBlocked = waitIfBlocked
        self.maxWait = maxWait
        self.checkInterval = checkInterval
        self.ownLock = ownLock
        self.concurrentWaits = concurrentWaits
    }

    /// The gate looked and found `assessment`, `waited` after its first look began;
    /// `lockWait` is the run's time spent waiting for locks before this gate.
    mutating func assessed(_ assessment: GateAssessment, waited: Duration, lockWait: Duration) -> Action {
        if assessment.verdict != .wait || !waitIfBlocked {
            return .proceed(
                .init(
                    position: position, verdict: assessment.verdict, predictions: assessment.predictions,
                    blockers: assessment.blockers, concurrentWaits: concurrentWaits),
                lockWait: reportedBlockers == nil ? .zero : waited)
        }
        // Young sessions come and go in the list on a busy table: report only changes of
        // the long transactions the gate waits for.
        // A standby's blocker is one per standby, condition and pid (replay states have none).
        let blockerPIDs = assessment.blockers.filter(\.isLong)
            .map { "\($0.standby ?? "") \($0.condition?.rawValue ?? "") \($0.pid.map(String.init) ?? "-")" }.sorted()
        // Waiting for standbys only: the relation whose ACCESS EXCLUSIVE lock they would replay.
        let onlyStandbys = !assessment.blockers.contains { $0.isLong && $0.standby == nil }
            && assessment.blockers.contains { $0.isLong && $0.standby != nil }
        let request = onlyStandbys
            ? assessment.predictions.first { $0.mode == .accessExclusive } ?? assessment.predictions.last
            : assessment.predictions.last
        let waiting = RunEvent.Waiting(
            position: position, relation: request?.relation ?? ownLock?.relation ?? "",
            mode: request?.mode ?? ownLock?.mode ?? .accessExclusive,
            blockers: assessment.blockers, waitedSeconds: waited.seconds,
            nextCheckMilliseconds: checkInterval.wholeMilliseconds)
        let report: RunEvent
        if blockerPIDs != reportedBlockers, !blockerPIDs.isEmpty {
            reportedBlockers = blockerPIDs
            report = .waiting(waiting)
        } else {
            reportedBlockers = reportedBlockers ?? []
            report = .stillWaiting(waiting)
        }
        guard lockWait + waited < maxWait else {
            return .giveUp(
                .gaveUp(position, reason: "waited \(DurationText.human(waited)) for \(Self.describe(assessment.blockers)); --max-wait is \(DurationText.format(maxWait))"),
                report: report, lockWait: waited)
        }
        return .wait(report, interval: checkInterval)
    }

    /// `pid 4242 (psql, idle in transaction for 42.0 s)`, for messages.
    static func describe(_ blockers: [GateBlocker]) -> String {
        let long = blockers.filter(\.isLong)
        return (long.isEmpty ? blockers : long).map { blocker in
            let name = blocker.applicationName.flatMap { $0.isEmpty ? nil : $0 }
            if let standby = blocker.standby, blocker.pid == nil { return "standby \(standby) (\(blocker.reason))" }
            let place = blocker.standby.map { " on standby \($0)" } ?? ""
            return "pid \(blocker.pid.map(String.init) ?? "?")\(place) (\(name.map { "\($0), " } ?? "")\(blocker.reason))"
        }.joined(separator: ", ")
    }
}
