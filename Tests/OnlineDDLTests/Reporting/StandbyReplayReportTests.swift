import Foundation
import Testing
@testable import OnlineDDLLocking
@testable import OnlineDDLReporting
@testable import OnlineDDLSupport

/// `onlineddl locks` on a hot standby whose replay waits (``ReplayStallTests``' table), and
/// the same report on a primary, whose output must not change.
@Suite("Reporting: locks on a hot standby")
struct StandbyReplayReportTests {
    typealias Stall = ReplayStallTests

    static func report(_ table: LiveLockTable) -> LockQueueReport { LockQueueReport(table) }

    static func json(_ report: LockQueueReport) throws -> String {
        String(decoding: try JSONEncoder.contract().encode(report), as: UTF8.self)
    }

    @Test func theTextNamesTheStartupProcessAndWhatTheDelayWillDo() {
        #expect(Self.report(Stall.table()).renderText() == """
            public.t (relation): 1 holding, 2 waiting
              holds   pid 31360, idle in transaction, xact 3.0 s, app report  AccessShareLock
                  query: SELECT count(*) FROM t
              waits #1  startup (WAL replay) pid 30517, waiting 2.5 s  AccessExclusiveLock
                  blocked by pid 31360 (holding a conflicting lock)
              waits #2  pid 31424, active, xact 3.0 s, app reader  AccessShareLock
                  soft wait: queued behind pid 30517 (waiting ahead for a conflicting lock)
                  query: SELECT count(*) FROM t
            Replay is stalled: startup (WAL replay) pid 30517 has waited 2.5 s for AccessExclusiveLock on public.t, \
            blocked by pid 31360; 1 reader queued behind it (pid 31424). No WAL is replayed on this standby until it is granted.
            max_standby_streaming_delay = 30s: at the latest in 27.5 s the standby ends the conflicting transactions: \
            pid 31360 (idle in transaction) loses its connection (SQLSTATE 40001).

            """)
    }

    @Test func theJSONAddsTheStartupProcessAndTheStall() throws {
        let report = Self.report(Stall.table())
        let startup = try #require(report.objects.first?.waiters.first)
        #expect(startup.session.isStartupProcess)
        #expect(startup.waitingSeconds == 2.5)
        #expect(report.objects.first?.waiters.last?.waitingSeconds == nil)
        let stall = try #require(report.standby?.replayStall)
        #expect(stall.holders.map(\.pid) == [Stall.report])
        #expect(stall.stalledReaders == [Stall.reader])
        #expect(stall.cancelsWithinSeconds == 27.5)
        let json = try Self.json(report)
        #expect(json.contains(#""backend_type":"startup""#))
        #expect(json.contains(#""standby":{"max_standby_streaming_delay_seconds":30,"replay_stall":{"cancels_within_seconds":27.5,"#))
        #expect(try JSONDecoder().decode(LockQueueReport.self, from: Data(json.utf8)) == report)
    }

    @Test func aStandbyWithoutAStallSaysSoInJSONAndNothingInText() throws {
        let report = Self.report(Stall.table(startupWaits: false))
        #expect(report.standby?.replayStall == nil)
        #expect(try Self.json(report).contains(#""standby":{"max_standby_streaming_delay_seconds":30,"replay_stall":null}"#))
        #expect(report.renderStandbyText().isEmpty)
        #expect(report.renderText().contains("holds   startup (WAL replay) pid 30517  AccessExclusiveLock"))
    }

    @Test func withoutADelayReplayWaitsForTheHolder() {
        let forever = StandbyReplayReport(Stall.table(), recovery: StandbyRecovery(maxStandbyStreamingDelay: .forever))
        #expect(forever.maxStandbyStreamingDelaySeconds == -1)
        #expect(forever.replayStall?.cancelsWithinSeconds == nil)
        #expect(forever.renderText().hasSuffix(
            "max_standby_streaming_delay = -1: replay waits until pid 31360 ends its transaction; nothing is cancelled.\n"))
    }

    @Test func anElapsedDelayCancelsAtOnce() {
        let short = StandbyReplayReport(Stall.table(), recovery: StandbyRecovery(maxStandbyStreamingDelay: .seconds(1)))
        #expect(short.replayStall?.cancelsWithinSeconds == 0)
        #expect(short.renderText().contains("max_standby_streaming_delay = 1s: at the latest in 0 ms"))
    }

    @Test func aPrimarysReportIsUnchanged() throws {
        let table = LiveLockTable(snapshot: LockSnapshot(
            locks: [Stall.lock(Stall.report, "2/5", .rowExclusive), Stall.lock(7, "4/1", .accessExclusive, waitingFor: 1)],
            activity: [Stall.report: Stall.backend(Stall.report, "idle in transaction", application: "app"),
                       7: Stall.backend(7, "active")],
            takenAt: Stall.now, serverVersion: 180_001))
        let report = Self.report(table)
        #expect(report.standby == nil)
        #expect(try Self.json(report) == #"""
            {"objects":[{"holders":[{"modes":["RowExclusiveLock"],"session":{"application_name":"app","pid":31360,"query":"SELECT count(*) FROM t","state":"idle in transaction","transaction_age_seconds":3,"user":null,"virtual_transaction":"2/5"}}],"name":"public.t","type":"relation","waiters":[{"blocked_by":[31360],"mode":"AccessExclusiveLock","position":1,"queued_behind":[],"session":{"application_name":"","pid":7,"query":"SELECT count(*) FROM t","state":"active","transaction_age_seconds":3,"user":null,"virtual_transaction":"4/1"}}]}]}
            """#)
        #expect(report.renderText() == """
            public.t (relation): 1 holding, 1 waiting
              holds   pid 31360, idle in transaction, xact 3.0 s, app app  RowExclusiveLock
                  query: SELECT count(*) FROM t
              waits #1  pid 7, active, xact 3.0 s  AccessExclusiveLock
                  blocked by pid 31360 (holding a conflicting lock)
                  query: SELECT count(*) FROM t

            """)
    }
}
