import OnlineDDLAnalysis
import OnlineDDLPostgres
import OnlineDDLSupport

/// The attempt loop of one execution unit as a value, in the style of postgres-nio's
/// `ConnectionStateMachine`: each `mutating func` is something that happened, and returns
/// the ``Action`` the runner performs next. It decides which failures a new attempt can
/// cure, how long to back off (``RetryPolicy``), when the attempts or the `--max-wait`
/// budget are spent, and what a yield to the gate or a signal does; it touches no
/// connection, no clock and no lock table. `MigrationRunner`'s `runInTransaction` and
/// `runAlone` perform the actions (the gate's looks, the statements, the sleeps) and report
/// back what happened.
///
/// A transactional unit runs `BEGIN`, its statements and the history row with `COMMIT`;
/// a failure rolls the whole unit back and the next attempt starts again at the gate. A
/// unit that is not (a statement that cannot run in a transaction block) runs its one
/// statement in autocommit.
struct AttemptStateMachine {
    /// What the runner does next.
    enum Action {
        /// Checks for a signal, then, with `--predict`, waits at the gate until every lock
        /// of the unit would be granted; then ``gatePassed()``.
        case passGate
        /// Starts attempt `attempt` with `BEGIN`: the block's own statement `statement`, or
        /// the runner's when nil; then ``begun()``.
        case begin(attempt: Int, statement: Int?)
        /// Checks for a signal (``cancelled(signal:)``), asks the gate again inside the
        /// transaction if the statement takes locks the attempt does not hold yet
        /// (``gateYielded()`` when it would wait), then sends statement `statement`; then
        /// ``statementSucceeded()``.
        case run(statement: Int, attempt: Int)
        /// Writes the history row's progress and commits, with the block's own `COMMIT`
        /// statement `statement` or the runner's; then ``committed()``.
        case commit(statement: Int?)
        /// A long transaction appeared after `BEGIN`: rolls back every lock taken so far
        /// rather than hold them while waiting, sleeps `interval` (counted as waiting for
        /// locks), then ``waited(cancelledBy:)``.
        case rollBackAndWait(interval: Duration)
        /// A lock failure a new attempt can cure: rolls back when `rollBack`, counts
        /// `lockWait` as waiting for locks, reports `report`, sleeps `delay` (counted too),
        /// then ``waited(cancelledBy:)``.
        case retry(after: Duration, report: RunEvent.AttemptFailed, rollBack: Bool, lockWait: Duration)
        /// Stops the run with `failure`: rolls back when `rollBack`, counts `lockWait` as
        /// waiting for locks, reports `report` if any, and throws.
        case giveUp(RunFailure, report: RunEvent.AttemptFailed?, rollBack: Bool, lockWait: Duration)
        /// The unit is applied after `attempts` attempts.
        case finished(attempts: Int)
    }

    /// What bounds the loop.
    struct Limits {
        /// `--max-attempts`, or the file's directive.
        var maxAttempts: Int
        var retry: RetryPolicy
        /// `--max-wait`: the whole run's budget for waiting on locks.
        var maxWait: Duration
        /// `--check-interval`: how long to wait after yielding to the gate.
        var checkInterval: Duration
    }

    private enum State: Equatable {
        /// Before an attempt: the gate.
        case beforeAttempt
        /// `BEGIN` is in flight.
        case beginning
        /// Statement `index` is in flight.
        case running(index: Int)
        /// The history row and `COMMIT` are in flight.
        case committing
        /// Rolled back, sleeping before the next look at the gate.
        case sleeping
        case finished
        case stopped
    }

    let unit: ExecutionUnit
    /// Whether the unit runs in a transaction (else its one statement in autocommit).
    let transactional: Bool
    /// The migration file, for what a failure left applied.
    let file: String
    let limits: Limits
    private var state: State = .beforeAttempt
    /// Attempts made, counting the one in flight; an attempt that yields to the gate
    /// before any statement fails does not count.
    private(set) var attempts = 0

    init(unit: ExecutionUnit, transactional: Bool, file: String, limits: Limits) {
        self.unit = unit
        self.transactional = transactional
        self.file = file
        self.limits = limits
    }

    /// A block's own `BEGIN`, if the unit is a block.
    private var ownBegin: Int? { unit.kind == .block ? unit.statements.lowerBound : nil }
    /// A block's own `COMMIT`, if the unit is a block.
    private var ownCommit: Int? { unit.kind == .block ? unit.statements.upperBound - 1 : nil }
    /// The statements between `BEGIN` and `COMMIT`.
    var body: Range<Int> {
        unit.kind == .block ? (unit.statements.lowerBound + 1)..<(unit.statements.upperBound - 1) : unit.statements
    }

    /// The statement a failure now is reported at: the one in flight, `BEGIN`'s failure at
    /// the unit's first statement, `COMMIT`'s at the block's `COMMIT` or the last statement.
    var statementInFlight: Int {
        switch state {
        case .running(let index): index
        case .committing: ownCommit ?? body.last ?? unit.statements.lowerBound
        case .beforeAttempt, .beginning, .sleeping, .finished, .stopped: unit.statements.lowerBound
        }
    }

    /// Whether the unit's transaction is open: a failure now leaves it to roll back.
    var inTransaction: Bool {
        switch state {
        case .beginning, .running, .committing: transactional
        case .beforeAttempt, .sleeping, .finished, .stopped: false
        }
    }

    /// The unit is about to run (the first attempt, or a resumed migration's first pending unit).
    mutating func started() -> Action {
        precondition(state == .beforeAttempt, "started twice")
        return .passGate
    }

    /// A resumed migration's unit turns out applied already: a concurrent index build an
    /// earlier run was cut off in had finished. No attempt runs.
    mutating func foundApplied() -> Action {
        precondition(state == .beforeAttempt && attempts == 0, "found applied after an attempt")
        state = .finished
        return .finished(attempts: 0)
    }

    /// The gate let the attempt go (or there is no gate).
    mutating func gatePassed() -> Action {
        precondition(state == .beforeAttempt, "gate passed outside an attempt")
        attempts += 1
        guard transactional else {
            state = .running(index: unit.statements.lowerBound)
            return .run(statement: unit.statements.lowerBound, attempt: attempts)
        }
        state = .beginning
        return .begin(attempt: attempts, statement: ownBegin)
    }

    /// `BEGIN` succeeded.
    mutating func begun() -> Action {
        precondition(state == .beginning, "begun outside BEGIN")
        return next(after: nil)
    }

    /// The statement in flight succeeded.
    mutating func statementSucceeded() -> Action {
        guard case .running(let index) = state else { preconditionFailure("no statement in flight") }
        guard transactional else {
            state = .finished
            return .finished(attempts: attempts)
        }
        return next(after: index)
    }

    /// The unit and its history row committed.
    mutating func committed() -> Action {
        precondition(state == .committing, "committed outside COMMIT")
        state = .finished
        return .finished(attempts: attempts)
    }

    /// Inside the transaction, the gate found the next statement would queue behind a long
    /// transaction: the attempt gives its locks back and does not count.
    mutating func gateYielded() -> Action {
        guard case .running = state, transactional else { preconditionFailure("the gate yields only inside a transaction") }
        attempts -= 1
        state = .sleeping
        return .rollBackAndWait(interval: limits.checkInterval)
    }

    /// The sleep after a yield or a failed attempt ended; `signal` if one stopped the run.
    mutating func waited(cancelledBy signal: Int32?) -> Action {
        precondition(state == .sleeping, "woke up without sleeping")
        if let signal {
            state = .stopped
            return .giveUp(.interrupted(signal: signal), report: nil, rollBack: false, lockWait: .zero)
        }
        state = .beforeAttempt
        return .passGate
    }

    /// A signal stopped the run between statements.
    mutating func cancelled(signal: Int32) -> Action {
        let rollBack = inTransaction
        state = .stopped
        return .giveUp(.interrupted(signal: signal), report: nil, rollBack: rollBack, lockWait: .zero)
    }

    /// What was in flight failed with `error`, at `location` in the file, after `elapsed`.
    /// `signal` is the signal that cancelled it, if one did: a cancelled statement fails
    /// with 57014 like one `statement_timeout` stops, but stops the run. `lockWait` is the
    /// run's time spent waiting for locks so far; `random` draws the backoff.
    mutating func failed(
        _ error: PostgresError, at location: StatementPosition, cancelledBy signal: Int32?, elapsed: Duration,
        lockWait: Duration, random: inout some RandomNumberGenerator
    ) -> Action {
        switch state {
        case .beginning, .running, .committing: break
        case .beforeAttempt, .sleeping, .finished, .stopped: preconditionFailure("nothing in flight failed")
        }
        state = .stopped
        if let signal {
            return .giveUp(.interrupted(signal: signal), report: nil, rollBack: transactional, lockWait: .zero)
        }
        func report(retryIn delay: Duration?) -> RunEvent.AttemptFailed {
            .init(
                position: location, attempt: attempts, sqlState: error.sqlState?.rawValue, message: error.description,
                retryInMilliseconds: delay?.wholeMilliseconds)
        }
        guard error.isRetryableLockFailure, !error.isConnectionError else {
            return .giveUp(
                .statementFailed(location, error, aftermath: aftermath(of: error)), report: report(retryIn: nil),
                rollBack: transactional, lockWait: .zero)
        }
        guard attempts < limits.maxAttempts else {
            return .giveUp(
                .gaveUp(location, reason: "\(attempts) attempts failed, the last with: \(error.message)"),
                report: report(retryIn: nil), rollBack: transactional, lockWait: elapsed)
        }
        let delay = limits.retry.delay(beforeRetry: attempts, using: &random)
        guard lockWait + elapsed + delay < limits.maxWait else {
            return .giveUp(
                .gaveUp(location, reason: "\(error.message); the wait budget (--max-wait \(DurationText.format(limits.maxWait))) is spent"),
                report: nil, rollBack: transactional, lockWait: elapsed)
        }
        state = .sleeping
        return .retry(after: delay, report: report(retryIn: delay), rollBack: transactional, lockWait: elapsed)
    }

    /// The next body statement after `index` (nil: before the first), or the commit.
    private mutating func next(after index: Int?) -> Action {
        let following = index.map { $0 + 1 } ?? body.lowerBound
        guard following < body.upperBound else {
            state = .committing
            return .commit(statement: ownCommit)
        }
        state = .running(index: following)
        return .run(statement: following, attempt: attempts)
    }

    /// What the failure left applied, and what to do next: every unit before the failed one.
    private func aftermath(of error: PostgresError) -> String {
        if error.isConnectionError {
            return "the connection was lost; run apply again: it resumes after what the history table records"
        }
        if unit.kind == .file {
            return "nothing of \(file) was applied (its transaction rolled back); fix the statement and run apply again"
        }
        let failed = unit.kind == .block
            ? "the block of statements \(unit.statements.lowerBound + 1)-\(unit.statements.upperBound) rolled back"
            : "statement \(unit.statements.lowerBound + 1) did not apply"
        let done = unit.statements.lowerBound
        guard done > 0 else {
            return "no statement of \(file) was applied (\(failed)); fix it and run apply again"
        }
        return "statements 1-\(done) of \(file) were applied and recorded, and \(failed); fix it and run apply "
            + "again to resume there (an edited file needs --allow-changed)"
    }
}

extension PostgresError {
    /// Lock failures a new attempt can cure: lock or statement timeout on a lock
    /// (55P03), deadlock (40P01), serialization failure (40001).
    var isRetryableLockFailure: Bool {
        sqlState == .lockNotAvailable || sqlState == .deadlockDetected || sqlState == .serializationFailure
    }
}
