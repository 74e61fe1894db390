import Foundation
import Testing
@testable import OnlineDDLLocking
@testable import OnlineDDLPostgres
@testable import OnlineDDLRunner

/// The standby part of the gate decided on hand-built standby snapshots: what makes the
/// runner hold back an ACCESS EXCLUSIVE statement, and what it reports.
@Suite("Runner: the standby assessment")
struct StandbyAssessmentTests {
    private let standby = "host=replica-1 dbname=app"
    private let rules = StandbyAssessment.Rules(longTransactionAge: 1, maxReplayLag: 30)

    private func holder(
        pid: Int32 = 4242, state: String = "active", age: Double, inState: Double = 0, app: String = "report"
    ) -> StandbySnapshot.LockHolder {
        StandbySnapshot.LockHolder(
            pid: pid, relationID: 16385, mode: .accessShare, applicationName: app, user: "analyst", state: state,
            transactionAgeSeconds: age, stateSeconds: inState, query: "SELECT count(*)\n  FROM t")
    }

    private func snapshot(
        holders: [StandbySnapshot.LockHolder] = [], startupWaits: [StandbySnapshot.StartupWait] = [],
        received: UInt64 = 0x3000_0000, replayed: UInt64 = 0x3000_0000, pause: StandbySnapshot.ReplayPauseState = .notPaused,
        sinceCommit: Double? = 120
    ) -> StandbySnapshot {
        StandbySnapshot(
            inRecovery: true, holders: holders, startupWaits: startupWaits, receivedUpTo: WALPosition(received),
            replayedUpTo: WALPosition(replayed), pauseState: pause, sinceLastReplayedCommitSeconds: sinceCommit)
    }

    @Test func aQuietCaughtUpStandbyLetsTheStatementGo() {
        let look = StandbyAssessment.assess(snapshot(), standby: standby, rules: rules)
        #expect(look.blockers.isEmpty)
        #expect(!look.mustWait)
    }

    @Test func aLongReaderHoldsTheStatementBackAndIsReportedWithItsStandby() {
        let look = StandbyAssessment.assess(snapshot(holders: [holder(age: 2.5)]), standby: standby, rules: rules)
        #expect(look.mustWait)
        let blocker = look.blockers[0]
        #expect(blocker.pid == 4242)
        #expect(blocker.standby == standby)
        #expect(blocker.applicationName == "report")
        #expect(blocker.reason == "transaction open for 2.5 s")
        #expect(blocker.condition == .lockHolder)
        #expect(blocker.query == "SELECT count(*) FROM t")
    }

    @Test func aYoungReaderIsReportedButNotWaitedFor() {
        let look = StandbyAssessment.assess(
            snapshot(holders: [holder(age: 0.2), holder(age: 0.3)]), standby: standby, rules: rules)
        #expect(!look.mustWait)
        #expect(look.blockers.count == 1)
        #expect(look.blockers[0].reason == "young transaction")
    }

    @Test func aSessionIdleInItsTransactionPastTheGraceIsLong() {
        let idle = holder(state: "idle in transaction", age: 0.5, inState: 0.3)
        let look = StandbyAssessment.assess(snapshot(holders: [idle]), standby: standby, rules: rules)
        #expect(look.mustWait)
        #expect(look.blockers[0].reason == "idle in transaction for 0.3 s")
    }

    @Test func pausedReplayHoldsTheStatementBack() {
        for pause in [StandbySnapshot.ReplayPauseState.paused, .pauseRequested] {
            let look = StandbyAssessment.assess(snapshot(pause: pause), standby: standby, rules: rules)
            #expect(look.mustWait)
            #expect(look.blockers.map(\.reason) == ["replay \(pause.rawValue)"])
            #expect(look.blockers[0].pid == nil)
        }
    }

    /// The startup process already waits for a young reader: replay has stopped, so the
    /// reader is waited for whatever its age, and named once.
    @Test func aWaitingStartupProcessNamesWhomItWaitsFor() {
        let reader = holder(pid: 77, age: 0.1)
        let wait = StandbySnapshot.StartupWait(startupPID: 31563, waitingSeconds: 2.45, holder: reader)
        let look = StandbyAssessment.assess(
            snapshot(holders: [reader], startupWaits: [wait]), standby: standby, rules: rules)
        #expect(look.mustWait)
        #expect(look.blockers.map(\.pid) == [77])
        #expect(look.blockers[0].condition == .startupWaiting)
        #expect(look.blockers[0].reason == "the startup process has waited for 2.5 s for it; replay stopped")
        let unknown = StandbySnapshot.StartupWait(startupPID: 31563, waitingSeconds: nil, holder: nil)
        #expect(StandbyAssessment.assess(snapshot(startupWaits: [unknown]), standby: standby, rules: rules).blockers
            .map(\.reason) == ["the startup process (pid 31563) waits for a lock; replay stopped"])
    }

    /// Lag counts only while received WAL waits for replay: on an idle primary the time
    /// since the last replayed commit grows without any lag.
    @Test func replayLagCountsOnlyWhileWALWaitsForReplay() {
        let idle = StandbyAssessment.assess(snapshot(sinceCommit: 600), standby: standby, rules: rules)
        #expect(!idle.mustWait)
        let behind = StandbyAssessment.assess(
            snapshot(received: 0x3000_1000, replayed: 0x3000_0000, sinceCommit: 42), standby: standby, rules: rules)
        #expect(behind.blockers.map(\.reason) == ["replay lag 42.0 s (--max-replay-lag 30s)"])
        var unlimited = rules
        unlimited.maxReplayLag = 0
        #expect(!StandbyAssessment.assess(
            snapshot(received: 0x3000_1000, replayed: 0x3000_0000, sinceCommit: 42), standby: standby, rules: unlimited).mustWait)
    }

    @Test func theLastAccessExclusiveCommitMustBeReplayedFirst() {
        var waiting = rules
        waiting.replayTarget = WALPosition(0x3000_0100)
        let behind = StandbyAssessment.assess(snapshot(replayed: 0x3000_00C0), standby: standby, rules: waiting)
        #expect(behind.blockers.map(\.reason) == ["has not replayed the last ACCESS EXCLUSIVE commit yet (replayed 0/300000C0, commit at 0/30000100)"])
        #expect(!StandbyAssessment.assess(snapshot(replayed: 0x3000_0100), standby: standby, rules: waiting).mustWait)
    }

    /// An insert position just past a page header is reached once replay is at the page's
    /// start: the record before it ended there.
    @Test func anInsertPositionPastAPageHeaderCountsAsReplayedAtThePageStart() {
        let page: UInt64 = 8192
        let start = WALPosition(0x3000_2000)
        #expect(WALPosition(0x3000_2018).isReplayed(byReplayAt: start, pageSize: page))
        #expect(WALPosition(0x3000_2028).isReplayed(byReplayAt: start, pageSize: page))
        #expect(!WALPosition(0x3000_2030).isReplayed(byReplayAt: start, pageSize: page))
        #expect(!WALPosition(0x3000_2018).isReplayed(byReplayAt: WALPosition(0x3000_1FF0), pageSize: page))
    }

    @Test func walPositionsReadAndPrintAsPgLSN() {
        #expect(WALPosition(pgLSN: "16/B374D848") == WALPosition(0x16_B374_D848))
        #expect(WALPosition(0x16_B374_D848).description == "16/B374D848")
        #expect(WALPosition(pgLSN: "0/0") == WALPosition(0))
        #expect(WALPosition(pgLSN: "16B374D848") == nil)
        #expect(WALPosition(pgLSN: "x/1") == nil)
    }

    /// Joined into the primary's verdict: a standby that must be waited for makes the gate
    /// wait, a young standby reader makes a clear verdict `proceed`, a quiet one changes nothing.
    @Test func theStandbysJoinThePrimarysVerdict() {
        let clear = GateAssessment(verdict: .clear, predictions: [], blockers: [])
        let long = StandbyAssessment.assess(snapshot(holders: [holder(age: 2)]), standby: standby, rules: rules)
        let young = StandbyAssessment.assess(snapshot(holders: [holder(age: 0.1)]), standby: standby, rules: rules)
        let quiet = StandbyAssessment.assess(snapshot(), standby: standby, rules: rules)
        #expect(clear.including([quiet, long]).verdict == .wait)
        #expect(clear.including([young]).verdict == .proceed)
        #expect(clear.including([quiet]) == clear)
        #expect(clear.including([long]).blockers == long.blockers)
    }

    /// The `standby` key is written only for a standby's blocker: the primary's blockers'
    /// JSON is as it was.
    @Test func theStandbyKeyIsAddedOnlyForStandbyBlockers() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let primary = GateBlocker(
            pid: 1, applicationName: nil, user: nil, state: nil, transactionAgeSeconds: nil, query: nil, isLong: true, reason: "r")
        #expect(String(decoding: try encoder.encode(primary), as: UTF8.self) == #"{"long":true,"pid":1,"reason":"r"}"#)
        let look = StandbyAssessment.assess(snapshot(pause: .paused), standby: standby, rules: rules)
        #expect(String(decoding: try encoder.encode(look.blockers[0]), as: UTF8.self)
            == #"{"condition":"replay_paused","long":true,"reason":"replay paused","standby":"host=replica-1 dbname=app"}"#)
    }

    /// The gate's wait names the standby in its reports and in the give-up message.
    @Test func theGateWaitReportsStandbyBlockers() throws {
        let position = StatementPosition(version: "1", file: "0001.sql", line: 1, column: 1, statement: 1)
        var gate = GateWaitStateMachine(position: position, waitIfBlocked: true, maxWait: .seconds(1), checkInterval: .milliseconds(50))
        let paused = GateAssessment(verdict: .clear, predictions: [], blockers: []).including([
            StandbyAssessment.assess(snapshot(pause: .paused), standby: standby, rules: rules)])
        guard case .wait(.waiting(let waiting), _) = gate.assessed(paused, waited: .zero, lockWait: .zero) else {
            Issue.record("expected a waiting report")
            return
        }
        #expect(waiting.blockers[0].standby == standby)
        guard case .giveUp(let failure, _, _) = gate.assessed(paused, waited: .seconds(2), lockWait: .zero) else {
            Issue.record("expected to give up")
            return
        }
        #expect(failure.description.contains("standby host=replica-1 dbname=app (replay paused)"))
    }

    /// A new `waiting` event comes when the standby's cause changes, not when its lag grows.
    @Test func theGateReportsAgainWhenTheStandbysConditionChanges() {
        let position = StatementPosition(version: "1", file: "0001.sql", line: 1, column: 1, statement: 1)
        var gate = GateWaitStateMachine(position: position, waitIfBlocked: true, maxWait: .seconds(60), checkInterval: .milliseconds(50))
        let clear = GateAssessment(verdict: .clear, predictions: [], blockers: [])
        func look(_ snapshot: StandbySnapshot) -> String {
            switch gate.assessed(clear.including([StandbyAssessment.assess(snapshot, standby: standby, rules: rules)]), waited: .zero, lockWait: .zero) {
            case .wait(let report, _): report.name
            case .proceed: "proceed"
            case .giveUp: "give up"
            }
        }
        #expect(look(snapshot(pause: .paused)) == "waiting")
        #expect(look(snapshot(pause: .paused)) == "still_waiting")
        #expect(look(snapshot(received: 0x3000_1000, sinceCommit: 40)) == "waiting")
        #expect(look(snapshot(received: 0x3000_1000, sinceCommit: 41)) == "still_waiting")
        #expect(look(snapshot()) == "proceed")
    }
}
