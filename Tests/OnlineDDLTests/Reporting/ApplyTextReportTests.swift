import Testing
@testable import OnlineDDLLocking
@testable import OnlineDDLReporting
@testable import OnlineDDLRunner

/// apply's text lines for the gate's waits on the primary and on standbys.
@Suite("Reporting: apply's text lines")
struct ApplyTextReportTests {
    private let position = StatementPosition(version: "0001", file: "m/0001_x.sql", line: 1, column: 1, statement: 1)
    private let standby = "user=postgres host=replica-1 port=5433"

    private func waiting(_ blockers: [GateBlocker]) -> RunEvent.Waiting {
        RunEvent.Waiting(
            position: position, relation: "public.t", mode: .accessExclusive, blockers: blockers, waitedSeconds: 1.25,
            nextCheckMilliseconds: 50)
    }

    private func blocker(pid: Int32?, reason: String, standby: String?) -> GateBlocker {
        GateBlocker(
            pid: pid, applicationName: pid == nil ? nil : "report", user: nil, state: nil, transactionAgeSeconds: nil,
            query: pid == nil ? nil : "SELECT count(*) FROM t", isLong: true, reason: reason, standby: standby)
    }

    @Test func aWaitOnThePrimaryReadsAsBefore() {
        let line = ApplyTextReport.line(
            for: .waiting(waiting([blocker(pid: 42, reason: "idle in transaction for 1.1 s", standby: nil)])),
            verbose: false, colors: false)
        #expect(line == """
              m/0001_x.sql:1:1: not sent: AccessExclusiveLock on public.t would queue behind
                pid 42 (report, idle in transaction for 1.1 s): SELECT count(*) FROM t
                waiting for it to end; checking every 50 ms
            """)
    }

    @Test func aWaitOnAStandbyNamesTheStandby() {
        let blockers = [
            blocker(pid: 42, reason: "transaction open for 1.2 s", standby: standby),
            blocker(pid: nil, reason: "replay paused", standby: standby),
        ]
        let line = ApplyTextReport.line(for: .waiting(waiting(blockers)), verbose: false, colors: false)
        #expect(line == """
              m/0001_x.sql:1:1: not sent: AccessExclusiveLock on public.t would stall readers behind
                pid 42 on standby \(standby) (report, transaction open for 1.2 s): SELECT count(*) FROM t
                standby \(standby) (replay paused)
                waiting; checking every 50 ms
            """)
        #expect(ApplyTextReport.progress(waiting(Array(blockers.reversed())), colors: false)
            == "  waiting 1.3 s for standby \(standby) (replay paused); next check in 50 ms")
        #expect(ApplyTextReport.progress(waiting(blockers), colors: false)
            == "  waiting 1.3 s for pid 42 on standby \(standby) (transaction open for 1.2 s); next check in 50 ms")
    }

    @Test func aSkippedStandbyIsReported() {
        let line = ApplyTextReport.line(
            for: .standbySkipped(.init(standby: standby, message: "connection refused")), verbose: false, colors: false)
        #expect(line == "standby \(standby) left out (optional): connection refused")
    }
}
