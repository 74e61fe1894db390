import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLPostgres
@testable import OnlineDDLRunner
@testable import OnlineDDLSupport
import SeededRandom

@Suite("Runner: the attempt loop")
struct AttemptStateMachineTests {
    /// An action with its failure as the message the run prints, so sequences compare.
    enum Step: Equatable {
        case passGate
        case begin(attempt: Int, statement: Int?)
        case run(statement: Int, attempt: Int)
        case commit(statement: Int?)
        case rollBackAndWait(Duration)
        case retry(after: Duration, report: RunEvent.AttemptFailed, rollBack: Bool, lockWait: Duration)
        case giveUp(String, report: RunEvent.AttemptFailed?, rollBack: Bool, lockWait: Duration)
        case finished(attempts: Int)

        init(_ action: AttemptStateMachine.Action) {
            self = switch action {
            case .passGate: .passGate
            case .begin(let attempt, let statement): .begin(attempt: attempt, statement: statement)
            case .run(let statement, let attempt): .run(statement: statement, attempt: attempt)
            case .commit(let statement): .commit(statement: statement)
            case .rollBackAndWait(let interval): .rollBackAndWait(interval)
            case .retry(let delay, let report, let rollBack, let lockWait):
                .retry(after: delay, report: report, rollBack: rollBack, lockWait: lockWait)
            case .giveUp(let failure, let report, let rollBack, let lockWait):
                .giveUp(failure.description, report: report, rollBack: rollBack, lockWait: lockWait)
            case .finished(let attempts): .finished(attempts: attempts)
            }
        }
    }

    /// Always draws the largest value, so every backoff is its ceiling.
    struct LargestDraw: RandomNumberGenerator {
        mutating func next() -> UInt64 { .max }
    }

    static let file = "db/migrations/20240101_add_column.sql"
    static let limits = AttemptStateMachine.Limits(
        maxAttempts: 3, retry: RetryPolicy(), maxWait: .seconds(60), checkInterval: .milliseconds(500))

    static func machine(
        _ kind: ExecutionUnit.Kind, _ statements: Range<Int>, transactional: Bool = true, limits: AttemptStateMachine.Limits = limits
    ) -> AttemptStateMachine {
        AttemptStateMachine(
            unit: ExecutionUnit(kind: kind, statements: statements), transactional: transactional, file: file, limits: limits)
    }

    /// A machine whose first attempt has sent `BEGIN`: its first statement is in flight.
    static func begun(
        _ kind: ExecutionUnit.Kind, _ statements: Range<Int>, limits: AttemptStateMachine.Limits = limits
    ) -> AttemptStateMachine {
        var machine = machine(kind, statements, limits: limits)
        _ = machine.started()
        _ = machine.gatePassed()
        _ = machine.begun()
        return machine
    }

    static func position(_ statement: Int) -> StatementPosition {
        StatementPosition(version: "20240101", file: file, line: statement * 2 + 1, column: 1, statement: statement + 1)
    }

    static func error(_ state: SQLState?, _ message: String, kind: PostgresError.Kind = .server) -> PostgresError {
        PostgresError(kind: kind, sqlState: state, severity: kind == .server ? "ERROR" : nil, message: message)
    }

    static let lockTimeout = error(.lockNotAvailable, "canceling statement due to lock timeout")
    static let deadlock = error(.deadlockDetected, "deadlock detected")
    static let serialization = error(.serializationFailure, "could not serialize access due to concurrent update")

    static func report(
        _ error: PostgresError, at statement: Int, attempt: Int, retryIn delay: Duration?
    ) -> RunEvent.AttemptFailed {
        .init(
            position: position(statement), attempt: attempt, sqlState: error.sqlState?.rawValue,
            message: error.description, retryInMilliseconds: delay?.wholeMilliseconds)
    }

    /// What an attempt of a file unit of `count` statements does from the gate to the commit.
    static func cleanAttempt(_ machine: inout AttemptStateMachine, count: Int) -> [Step] {
        var steps = [Step(machine.gatePassed()), Step(machine.begun())]
        for _ in 0..<count { steps.append(Step(machine.statementSucceeded())) }
        steps.append(Step(machine.committed()))
        return steps
    }

    static func fail(
        _ machine: inout AttemptStateMachine, with error: PostgresError, signal: Int32? = nil,
        elapsed: Duration = .milliseconds(50), lockWait: Duration = .zero
    ) -> Step {
        var random = LargestDraw()
        return Step(machine.failed(
            error, at: position(machine.statementInFlight), cancelledBy: signal, elapsed: elapsed, lockWait: lockWait,
            random: &random))
    }

    @Test func aFileRunsBeginEachStatementAndCommitInOneAttempt() {
        var machine = Self.machine(.file, 0..<3)
        #expect(Step(machine.started()) == .passGate)
        #expect(Self.cleanAttempt(&machine, count: 3) == [
            .begin(attempt: 1, statement: nil), .run(statement: 0, attempt: 1), .run(statement: 1, attempt: 1),
            .run(statement: 2, attempt: 1), .commit(statement: nil), .finished(attempts: 1),
        ])
        #expect(!machine.inTransaction)
    }

    @Test func aBlockRunsItsOwnBeginAndCommitAroundItsBody() {
        var machine = Self.machine(.block, 2..<6)
        _ = machine.started()
        #expect(Step(machine.gatePassed()) == .begin(attempt: 1, statement: 2))
        #expect(machine.inTransaction)
        #expect(Step(machine.begun()) == .run(statement: 3, attempt: 1))
        #expect(Step(machine.statementSucceeded()) == .run(statement: 4, attempt: 1))
        #expect(Step(machine.statementSucceeded()) == .commit(statement: 5))
        #expect(machine.statementInFlight == 5)
        #expect(Step(machine.committed()) == .finished(attempts: 1))
    }

    @Test func anEmptyBlockCommitsRightAfterItsBegin() {
        var machine = Self.machine(.block, 0..<2)
        _ = machine.started()
        #expect(Step(machine.gatePassed()) == .begin(attempt: 1, statement: 0))
        #expect(Step(machine.begun()) == .commit(statement: 1))
    }

    @Test(arguments: [lockTimeout, deadlock, serialization])
    func lockFailuresRollBackAndRetryAfterTheBackoff(_ failure: PostgresError) {
        var machine = Self.begun(.file, 0..<2)
        #expect(Step(machine.statementSucceeded()) == .run(statement: 1, attempt: 1))
        #expect(Self.fail(&machine, with: failure, elapsed: .milliseconds(80)) == .retry(
            after: .milliseconds(200), report: Self.report(failure, at: 1, attempt: 1, retryIn: .milliseconds(200)),
            rollBack: true, lockWait: .milliseconds(80)))
        #expect(!machine.inTransaction)
        #expect(Step(machine.waited(cancelledBy: nil)) == .passGate)
        #expect(Self.cleanAttempt(&machine, count: 2) == [
            .begin(attempt: 2, statement: nil), .run(statement: 0, attempt: 2), .run(statement: 1, attempt: 2),
            .commit(statement: nil), .finished(attempts: 2),
        ])
    }

    @Test func theBackoffDoublesFromAttemptToAttempt() {
        var machine = Self.machine(.file, 0..<1, limits: .init(
            maxAttempts: 5, retry: RetryPolicy(initial: .milliseconds(100), maximum: .milliseconds(300)),
            maxWait: .seconds(60), checkInterval: .seconds(1)))
        _ = machine.started()
        var delays: [Duration] = []
        for _ in 1...4 {
            _ = machine.gatePassed()
            _ = machine.begun()
            if case .retry(let delay, _, _, _) = Self.fail(&machine, with: Self.deadlock) { delays.append(delay) }
            _ = machine.waited(cancelledBy: nil)
        }
        #expect(delays == [.milliseconds(100), .milliseconds(200), .milliseconds(300), .milliseconds(300)])
    }

    @Test func theBackoffIsDrawnFromTheRunnersGenerator() {
        var machine = Self.begun(.file, 0..<1)
        var random = SplitMix64(seed: 7)
        var twin = SplitMix64(seed: 7)
        let action = machine.failed(
            Self.lockTimeout, at: Self.position(0), cancelledBy: nil, elapsed: .zero, lockWait: .zero, random: &random)
        let expected = RetryPolicy().delay(beforeRetry: 1, using: &twin)
        guard case .retry(let delay, let report, _, _) = action else {
            Issue.record("expected a retry, got \(Step(action))")
            return
        }
        #expect(delay == expected)
        #expect(report.retryInMilliseconds == expected.wholeMilliseconds)
    }

    @Test func theLastAttemptGivesUpAndCountsItsWait() {
        var machine = Self.begun(.file, 0..<1, limits: .init(
            maxAttempts: 2, retry: RetryPolicy(), maxWait: .seconds(60), checkInterval: .seconds(1)))
        #expect(Self.fail(&machine, with: Self.lockTimeout) == .retry(
            after: .milliseconds(200), report: Self.report(Self.lockTimeout, at: 0, attempt: 1, retryIn: .milliseconds(200)),
            rollBack: true, lockWait: .milliseconds(50)))
        _ = machine.waited(cancelledBy: nil)
        _ = machine.gatePassed()
        _ = machine.begun()
        #expect(Self.fail(&machine, with: Self.lockTimeout, elapsed: .milliseconds(70)) == .giveUp(
            "\(Self.file):1:1: gave up waiting for locks: 2 attempts failed, the last with: canceling statement due to lock timeout\n"
                + "  what was applied is committed and recorded, nothing half-done; run apply again later (it resumes there), "
                + "or allow more with --max-wait or --max-attempts",
            report: Self.report(Self.lockTimeout, at: 0, attempt: 2, retryIn: nil), rollBack: true,
            lockWait: .milliseconds(70)))
    }

    @Test func aBackoffThatWouldSpendTheWaitBudgetGivesUpWithoutReporting() {
        let limits = AttemptStateMachine.Limits(
            maxAttempts: 10, retry: RetryPolicy(), maxWait: .seconds(1), checkInterval: .seconds(1))
        // 700 ms waited before, 100 ms on this statement, 200 ms of backoff: the whole second.
        var spent = Self.begun(.file, 0..<1, limits: limits)
        #expect(Self.fail(&spent, with: Self.serialization, elapsed: .milliseconds(100), lockWait: .milliseconds(700)) == .giveUp(
            "\(Self.file):1:1: gave up waiting for locks: could not serialize access due to concurrent update; "
                + "the wait budget (--max-wait 1s) is spent\n"
                + "  what was applied is committed and recorded, nothing half-done; run apply again later (it resumes there), "
                + "or allow more with --max-wait or --max-attempts",
            report: nil, rollBack: true, lockWait: .milliseconds(100)))
        // A millisecond less leaves room for the backoff.
        var left = Self.begun(.file, 0..<1, limits: limits)
        #expect(Self.fail(&left, with: Self.serialization, elapsed: .milliseconds(100), lockWait: .milliseconds(699)) == .retry(
            after: .milliseconds(200), report: Self.report(Self.serialization, at: 0, attempt: 1, retryIn: .milliseconds(200)),
            rollBack: true, lockWait: .milliseconds(100)))
    }

    @Test func otherErrorsStopTheRunWithWhatTheFailureLeftApplied() {
        let missing = Self.error(SQLState(rawValue: "42P01"), #"relation "accounts" does not exist"#)
        func stop(_ kind: ExecutionUnit.Kind, _ statements: Range<Int>, transactional: Bool = true) -> Step {
            var machine = Self.machine(kind, statements, transactional: transactional)
            _ = machine.started()
            if transactional { _ = machine.gatePassed(); _ = machine.begun() } else { _ = machine.gatePassed() }
            return Self.fail(&machine, with: missing)
        }
        func expected(_ statement: Int, _ aftermath: String, rollBack: Bool = true) -> Step {
            .giveUp(
                "\(Self.file):\(statement * 2 + 1):1: ERROR 42P01: relation \"accounts\" does not exist\n  \(aftermath)",
                report: Self.report(missing, at: statement, attempt: 1, retryIn: nil), rollBack: rollBack, lockWait: .zero)
        }
        #expect(stop(.file, 0..<3) == expected(
            0, "nothing of \(Self.file) was applied (its transaction rolled back); fix the statement and run apply again"))
        #expect(stop(.block, 0..<3) == expected(
            1, "no statement of \(Self.file) was applied (the block of statements 1-3 rolled back); fix it and run apply again"))
        #expect(stop(.block, 2..<5) == expected(
            3, "statements 1-2 of \(Self.file) were applied and recorded, and the block of statements 3-5 rolled back; "
                + "fix it and run apply again to resume there (an edited file needs --allow-changed)"))
        #expect(stop(.statement, 4..<5, transactional: false) == expected(
            4, "statements 1-4 of \(Self.file) were applied and recorded, and statement 5 did not apply; "
                + "fix it and run apply again to resume there (an edited file needs --allow-changed)", rollBack: false))
    }

    @Test func aLostConnectionIsNotRetriedEvenOnALockFailure() {
        var machine = Self.begun(.statement, 1..<2)
        // The server's deadlock report, then the connection broke: the session cannot retry.
        let lost = Self.error(.deadlockDetected, "server closed the connection unexpectedly", kind: .connection)
        #expect(Self.fail(&machine, with: lost) == .giveUp(
            "\(Self.file):3:1: 40P01: server closed the connection unexpectedly\n"
                + "  the connection was lost; run apply again: it resumes after what the history table records",
            report: Self.report(lost, at: 1, attempt: 1, retryIn: nil), rollBack: true, lockWait: .zero))
    }

    @Test func aStatementTimeoutStopsTheRunButACancelledStatementIsTheSignal() {
        let canceled = Self.error(.queryCanceled, "canceling statement due to statement timeout")
        var timedOut = Self.begun(.file, 0..<1)
        #expect(Self.fail(&timedOut, with: canceled) == .giveUp(
            "\(Self.file):1:1: ERROR 57014: canceling statement due to statement timeout\n"
                + "  nothing of \(Self.file) was applied (its transaction rolled back); fix the statement and run apply again",
            report: Self.report(canceled, at: 0, attempt: 1, retryIn: nil), rollBack: true, lockWait: .zero))
        var signalled = Self.begun(.file, 0..<1)
        let byUser = Self.error(.queryCanceled, "canceling statement due to user request")
        #expect(Self.fail(&signalled, with: byUser, signal: 15) == .giveUp(
            "interrupted by signal 15: the statement in flight was cancelled and rolled back",
            report: nil, rollBack: true, lockWait: .zero))
    }

    @Test func theGateYieldingMidTransactionRollsBackWaitsAndDoesNotCountTheAttempt() {
        var machine = Self.begun(.file, 0..<3)
        _ = machine.statementSucceeded()
        #expect(Step(machine.gateYielded()) == .rollBackAndWait(.milliseconds(500)))
        #expect(machine.attempts == 0)
        #expect(!machine.inTransaction)
        #expect(Step(machine.waited(cancelledBy: nil)) == .passGate)
        #expect(Self.cleanAttempt(&machine, count: 3) == [
            .begin(attempt: 1, statement: nil), .run(statement: 0, attempt: 1), .run(statement: 1, attempt: 1),
            .run(statement: 2, attempt: 1), .commit(statement: nil), .finished(attempts: 1),
        ])
    }

    @Test func aYieldAfterAFailedAttemptKeepsThatAttemptCounted() {
        var machine = Self.begun(.file, 0..<2)
        _ = Self.fail(&machine, with: Self.deadlock)
        _ = machine.waited(cancelledBy: nil)
        #expect(Step(machine.gatePassed()) == .begin(attempt: 2, statement: nil))
        _ = machine.begun()
        _ = machine.statementSucceeded()
        _ = machine.gateYielded()
        _ = machine.waited(cancelledBy: nil)
        #expect(Step(machine.gatePassed()) == .begin(attempt: 2, statement: nil))
    }

    @Test func aSignalBetweenStatementsRollsBackAndStops() {
        var machine = Self.begun(.block, 0..<4)
        #expect(Step(machine.cancelled(signal: 2)) == .giveUp(
            "interrupted by signal 2: the statement in flight was cancelled and rolled back",
            report: nil, rollBack: true, lockWait: .zero))
        #expect(!machine.inTransaction)
    }

    @Test func aSignalBeforeAnAttemptHasNothingToRollBack() {
        var machine = Self.machine(.file, 0..<1)
        _ = machine.started()
        #expect(Step(machine.cancelled(signal: 15)) == .giveUp(
            "interrupted by signal 15: the statement in flight was cancelled and rolled back",
            report: nil, rollBack: false, lockWait: .zero))
    }

    @Test func aSignalDuringTheSleepStopsBeforeTheNextAttempt() {
        var machine = Self.begun(.file, 0..<1)
        _ = Self.fail(&machine, with: Self.lockTimeout)
        #expect(Step(machine.waited(cancelledBy: 15)) == .giveUp(
            "interrupted by signal 15: the statement in flight was cancelled and rolled back",
            report: nil, rollBack: false, lockWait: .zero))
    }

    @Test func aStatementAloneRunsInAutocommitAndRetriesWithoutRollingBack() {
        var machine = Self.machine(.statement, 3..<4, transactional: false)
        #expect(Step(machine.started()) == .passGate)
        #expect(Step(machine.gatePassed()) == .run(statement: 3, attempt: 1))
        #expect(!machine.inTransaction)
        #expect(Self.fail(&machine, with: Self.lockTimeout) == .retry(
            after: .milliseconds(200), report: Self.report(Self.lockTimeout, at: 3, attempt: 1, retryIn: .milliseconds(200)),
            rollBack: false, lockWait: .milliseconds(50)))
        #expect(Step(machine.waited(cancelledBy: nil)) == .passGate)
        #expect(Step(machine.gatePassed()) == .run(statement: 3, attempt: 2))
        #expect(Step(machine.statementSucceeded()) == .finished(attempts: 2))
    }

    @Test func aResumedBuildThatHadFinishedRunsNoAttempt() {
        var machine = Self.machine(.statement, 2..<3, transactional: false)
        #expect(Step(machine.foundApplied()) == .finished(attempts: 0))
    }

    @Test func failuresAreReportedAtTheStatementInFlight() {
        var beginning = Self.machine(.file, 0..<3)
        _ = beginning.started()
        _ = beginning.gatePassed()
        #expect(beginning.statementInFlight == 0)
        var committing = Self.begun(.file, 0..<3)
        _ = committing.statementSucceeded()
        _ = committing.statementSucceeded()
        #expect(Step(committing.statementSucceeded()) == .commit(statement: nil))
        #expect(committing.statementInFlight == 2)
        var middle = Self.machine(.block, 4..<8)
        _ = middle.started()
        _ = middle.gatePassed()
        #expect(middle.statementInFlight == 4)
        _ = middle.begun()
        _ = middle.statementSucceeded()
        #expect(middle.statementInFlight == 6)
    }
}
