import Testing
@testable import OnlineDDLLocking
@testable import OnlineDDLRunner

/// The gate's wait driven with hand-built assessments (see ``GateAssessmentTests``): what
/// it reports after each look, when it sends, and when the wait budget is spent.
@Suite("Runner: the gate's wait")
struct GateWaitStateMachineTests {
    /// An action with its failure as the message the run prints, so sequences compare.
    enum Step: Equatable {
        case proceed(RunEvent.StatementPredicted, lockWait: Duration)
        case wait(RunEvent, interval: Duration)
        case giveUp(String, report: RunEvent, lockWait: Duration)

        init(_ action: GateWaitStateMachine.Action) {
            self = switch action {
            case .proceed(let report, let lockWait): .proceed(report, lockWait: lockWait)
            case .wait(let report, let interval): .wait(report, interval: interval)
            case .giveUp(let failure, let report, let lockWait): .giveUp(failure.description, report: report, lockWait: lockWait)
            }
        }
    }

    static let position = StatementPosition(
        version: "20240101", file: "db/migrations/20240101_lock.sql", line: 3, column: 1, statement: 2)
    static let request = [GateAssessmentTests.request(.accessExclusive)]

    static func gate(waitIfBlocked: Bool = true, maxWait: Duration = .seconds(10)) -> GateWaitStateMachine {
        GateWaitStateMachine(
            position: position, waitIfBlocked: waitIfBlocked, maxWait: maxWait, checkInterval: .milliseconds(500))
    }

    /// Backend `pid` idle in its transaction for `age` seconds, holding ROW EXCLUSIVE on accounts.
    static func blockedBy(_ pids: [Int32], age: Double = 42) -> GateAssessment {
        GateAssessmentTests.assess(
            pids.map { GateAssessmentTests.lock($0, .rowExclusive) },
            pids.map { GateAssessmentTests.backend($0, "idle in transaction", age: age) }, request: request)
    }

    static let clear = GateAssessmentTests.assess([], [], request: request)

    static func predicted(_ assessment: GateAssessment) -> RunEvent.StatementPredicted {
        .init(position: position, verdict: assessment.verdict, predictions: assessment.predictions, blockers: assessment.blockers)
    }

    static func waiting(_ assessment: GateAssessment, waited: Duration) -> RunEvent.Waiting {
        .init(
            position: position, relation: "public.accounts", mode: .accessExclusive, blockers: assessment.blockers,
            waitedSeconds: waited.seconds, nextCheckMilliseconds: 500)
    }

    @Test func aClearTableSendsAtOnceWithoutCountingAWait() {
        var gate = Self.gate()
        #expect(Step(gate.assessed(Self.clear, waited: .milliseconds(3), lockWait: .zero))
            == .proceed(Self.predicted(Self.clear), lockWait: .zero))
    }

    @Test func aLongBlockerIsReportedOnceThenTheGateKeepsLookingAndCountsTheWait() {
        var gate = Self.gate()
        let blocked = Self.blockedBy([101])
        #expect(blocked.verdict == .wait)
        #expect(Step(gate.assessed(blocked, waited: .zero, lockWait: .zero))
            == .wait(.waiting(Self.waiting(blocked, waited: .zero)), interval: .milliseconds(500)))
        #expect(Step(gate.assessed(blocked, waited: .milliseconds(500), lockWait: .zero))
            == .wait(.stillWaiting(Self.waiting(blocked, waited: .milliseconds(500))), interval: .milliseconds(500)))
        #expect(Step(gate.assessed(Self.clear, waited: .milliseconds(1_000), lockWait: .zero))
            == .proceed(Self.predicted(Self.clear), lockWait: .milliseconds(1_000)))
    }

    @Test func newLongBlockersAreReportedAgain() {
        var gate = Self.gate()
        _ = gate.assessed(Self.blockedBy([101]), waited: .zero, lockWait: .zero)
        let more = Self.blockedBy([101, 102])
        #expect(Step(gate.assessed(more, waited: .milliseconds(500), lockWait: .zero))
            == .wait(.waiting(Self.waiting(more, waited: .milliseconds(500))), interval: .milliseconds(500)))
    }

    @Test func insideATransactionTheFirstVerdictGoesBackUncounted() {
        var gate = Self.gate(waitIfBlocked: false)
        let blocked = Self.blockedBy([101])
        #expect(Step(gate.assessed(blocked, waited: .milliseconds(2), lockWait: .seconds(1)))
            == .proceed(Self.predicted(blocked), lockWait: .zero))
    }

    @Test func theGateGivesUpWhenTheWaitSpendsTheBudget() {
        let blocked = Self.blockedBy([101])
        var spent = Self.gate()
        _ = spent.assessed(blocked, waited: .zero, lockWait: .seconds(8))
        #expect(Step(spent.assessed(blocked, waited: .seconds(2), lockWait: .seconds(8))) == .giveUp(
            "db/migrations/20240101_lock.sql:3:1: gave up waiting for locks: waited 2.0 s for pid 101 (web-101, idle in "
                + "transaction for 42.0 s); --max-wait is 10s\n"
                + "  what was applied is committed and recorded, nothing half-done; run apply again later (it resumes there), "
                + "or allow more with --max-wait or --max-attempts",
            report: .stillWaiting(Self.waiting(blocked, waited: .seconds(2))), lockWait: .seconds(2)))
        var left = Self.gate()
        #expect(Step(left.assessed(blocked, waited: .milliseconds(1_999), lockWait: .seconds(8)))
            == .wait(.waiting(Self.waiting(blocked, waited: .milliseconds(1_999))), interval: .milliseconds(500)))
    }
}
