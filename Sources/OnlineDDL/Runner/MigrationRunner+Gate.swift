import Foundation
import OnlineDDLLocking
import OnlineDDLPostgres
import OnlineDDLSupport

extension MigrationRunner {
    /// The prediction gate: returns once `locks` would be granted, or would wait only
    /// behind young running transactions. While they would queue behind a long
    /// transaction it sends nothing, reports the blockers, and looks again every
    /// `checkInterval`, so the migration starts within one interval of the blocker ending.
    ///
    /// `runnerPID` is the migration session when it is inside its transaction already.
    /// With `waitIfBlocked` false it returns the first verdict, waiting or not. `first` is a
    /// lock table just read on `control`, for the first look.
    @discardableResult
    func passGate(
        _ locks: [RelationLock], at position: StatementPosition, runnerPID: Int32?, control: Connection,
        waitIfBlocked: Bool = true, first: LockSnapshot? = nil
    ) throws(RunFailure) -> GateAssessment {
        let waitStarted = clock.now
        /// The long blockers last reported; nil until the gate first has to wait.
        var reportedBlockers: [Int32?]?
        var first = first
        while true {
            if let signal = cancellation.signal { throw .interrupted(signal: signal) }
            let assessment: GateAssessment
            do {
                let snapshot = if let taken = first { taken } else { try LockSnapshot.read(from: control) }
                first = nil
                let table = LiveLockTable(snapshot: snapshot, queryTexts: configuration.queryTexts)
                assessment = GateAssessment.assess(
                    locks, table: table, runnerPID: runnerPID, longTransactionAge: configuration.longTransactionAge.seconds)
            } catch {
                throw .database(error)
            }
            let waited = clock.now - waitStarted
            if assessment.verdict != .wait || !waitIfBlocked {
                if reportedBlockers != nil { lockWait += waited }
                emit(.statementPredicted(.init(
                    position: position, verdict: assessment.verdict, predictions: assessment.predictions,
                    blockers: assessment.blockers)))
                return assessment
            }
            // Young sessions come and go in the list on a busy table: report only changes of
            // the long transactions the gate waits for.
            let blockerPIDs = assessment.blockers.filter(\.isLong).map(\.pid).sorted { ($0 ?? -1) < ($1 ?? -1) }
            let request = assessment.predictions.last
            let waiting = RunEvent.Waiting(
                position: position, relation: request?.relation ?? "", mode: request?.mode ?? .accessExclusive,
                blockers: assessment.blockers, waitedSeconds: waited.seconds,
                nextCheckMilliseconds: configuration.checkInterval.wholeMilliseconds)
            if blockerPIDs != reportedBlockers, !blockerPIDs.isEmpty {
                reportedBlockers = blockerPIDs
                emit(.waiting(waiting))
            } else {
                reportedBlockers = reportedBlockers ?? []
                emit(.stillWaiting(waiting))
            }
            if lockWait + waited >= configuration.maxWait {
                lockWait += waited
                throw .gaveUp(position, reason: "waited \(DurationText.human(waited)) for \(Self.describe(assessment.blockers)); --max-wait is \(DurationText.format(configuration.maxWait))")
            }
            cancellation.sleep(configuration.checkInterval)
        }
    }

    /// `pid 4242 (psql, idle in transaction for 42.0 s)`, for messages.
    static func describe(_ blockers: [GateBlocker]) -> String {
        let long = blockers.filter(\.isLong)
        return (long.isEmpty ? blockers : long).map { blocker in
            let name = blocker.applicationName.flatMap { $0.isEmpty ? nil : $0 }
            return "pid \(blocker.pid.map(String.init) ?? "?") (\(name.map { "\($0), " } ?? "")\(blocker.reason))"
        }.joined(separator: ", ")
    }

    /// Sleeps (interruptibly) and counts the time as waiting for locks.
    func sleepCounted(_ delay: Duration) {
        let started = clock.now
        cancellation.sleep(delay)
        lockWait += clock.now - started
    }
}
