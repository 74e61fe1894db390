import Foundation
import OnlineDDLLocking
import OnlineDDLPostgres
import OnlineDDLSupport

extension MigrationRunner {
    /// The prediction gate: returns once `locks` would be granted, or would wait only
    /// behind young running transactions. While they would queue behind a long
    /// transaction it sends nothing, reports the blockers, and looks again every
    /// `checkInterval`, so the migration starts within one interval of the blocker ending.
    /// Locks in ACCESS EXCLUSIVE mode wait for the standbys too (``lookAtStandbys(_:)``).
    /// Performs ``GateWaitStateMachine``'s actions.
    ///
    /// `runnerPID` is the migration session when it is inside its transaction already.
    /// With `waitIfBlocked` false it returns the first verdict, waiting or not. `first` is a
    /// lock table just read on `control`, for the first look. `concurrentWaits` (a
    /// `CONCURRENTLY` statement's, from ``passConcurrentGate(_:at:ownLock:control:)``) go into
    /// `statement_predicted`.
    @discardableResult
    func passGate(
        _ locks: [RelationLock], at position: StatementPosition, runnerPID: Int32?, control: Connection,
        waitIfBlocked: Bool = true, first: LockSnapshot? = nil, concurrentWaits: [ConcurrentWait]? = nil
    ) throws(RunFailure) -> GateAssessment {
        let waitStarted = clock.now
        var gate = GateWaitStateMachine(
            position: position, waitIfBlocked: waitIfBlocked, maxWait: configuration.maxWait,
            checkInterval: configuration.checkInterval, concurrentWaits: concurrentWaits)
        var first = first
        while true {
            if let signal = cancellation.signal { throw .interrupted(signal: signal) }
            var assessment: GateAssessment
            do {
                let snapshot = if let taken = first { taken } else { try LockSnapshot.read(from: control) }
                first = nil
                let table = LiveLockTable(snapshot: snapshot, queryTexts: configuration.queryTexts)
                assessment = GateAssessment.assess(
                    locks, table: table, runnerPID: runnerPID, longTransactionAge: configuration.longTransactionAge.seconds)
            } catch {
                throw .database(error)
            }
            assessment = assessment.including(try lookAtStandbys(locks))
            switch gate.assessed(assessment, waited: clock.now - waitStarted, lockWait: lockWait) {
            case .proceed(let report, let waited):
                lockWait += waited
                emit(.statementPredicted(report))
                return assessment
            case .wait(let report, let interval):
                emit(report)
                cancellation.sleep(interval)
            case .giveUp(let failure, let report, let waited):
                emit(report)
                lockWait += waited
                throw failure
            }
        }
    }

    /// Before a `CONCURRENTLY` statement: while a long transaction it would wait for between
    /// its own transactions exists (``ConcurrentWaitPredictor``, judged by
    /// ``GateAssessment/assess(_:longTransactionAge:idleGrace:)``), sends nothing, reports
    /// it (`waiting`, naming the statement's `ownLock`), and looks again every
    /// `checkInterval`; returns the waits predicted at the look that let it go.
    func passConcurrentGate(
        _ statement: ConcurrentStatement, at position: StatementPosition, ownLock: RelationLock?, control: Connection
    ) throws(RunFailure) -> [ConcurrentWait] {
        let waitStarted = clock.now
        var gate = GateWaitStateMachine(
            position: position, waitIfBlocked: true, maxWait: configuration.maxWait,
            checkInterval: configuration.checkInterval, ownLock: ownLock)
        while true {
            if let signal = cancellation.signal { throw .interrupted(signal: signal) }
            let waits: [ConcurrentWait]
            do {
                let locks = try LockSnapshot.read(from: control)
                waits = ConcurrentWaitPredictor(locks: locks, sessions: try ConcurrentWaitSnapshot.read(from: control)).predict(statement)
            } catch {
                throw .database(error)
            }
            let assessment = GateAssessment.assess(waits, longTransactionAge: configuration.longTransactionAge.seconds)
            switch gate.assessed(assessment, waited: clock.now - waitStarted, lockWait: lockWait) {
            case .proceed(_, let waited):
                lockWait += waited
                return waits
            case .wait(let report, let interval):
                emit(report)
                cancellation.sleep(interval)
            case .giveUp(let failure, let report, let waited):
                emit(report)
                lockWait += waited
                throw failure
            }
        }
    }

    /// Sleeps (interruptibly) and counts the time as waiting for locks.
    func sleepCounted(_ delay: Duration) {
        let started = clock.now
        cancellation.sleep(delay)
        lockWait += clock.now - started
    }
}
