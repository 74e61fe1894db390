import Testing
@testable import OnlineDDLRunner

/// What the runner does while a concurrent index build waits, without a server.
@Suite("Runner: watching a concurrent index build")
struct ConcurrentBuildWatchTests {
    private typealias Observation = ConcurrentBuildWatch.Observation

    private static let queued = Observation(waitEventType: "Lock", waitEvent: "relation", phase: nil, blockers: [41])
    private static func snapshots(_ blockers: [Int32]) -> Observation {
        Observation(waitEventType: "Lock", waitEvent: "virtualxid", phase: "waiting for old snapshots", blockers: blockers)
    }
    private static let building = Observation(waitEventType: nil, waitEvent: nil, phase: "building index: scanning table", blockers: [])

    @Test func aQueueWaitIsCutAtTheLockTimeout() {
        var watch = ConcurrentBuildWatch(queueLimit: .milliseconds(200))
        #expect(watch.observed(Self.queued, at: .milliseconds(50)) == .keepWatching)
        #expect(watch.observed(Self.queued, at: .milliseconds(200)) == .keepWatching)
        #expect(watch.observed(Self.queued, at: .milliseconds(250)) == .cancelQueueWait(waited: .milliseconds(200)))
    }

    @Test func aQueueWaitCountsFromWhenItWasSeenAgain() {
        var watch = ConcurrentBuildWatch(queueLimit: .milliseconds(200))
        #expect(watch.observed(Self.queued, at: .milliseconds(50)) == .keepWatching)
        #expect(watch.observed(Self.building, at: .milliseconds(200)) == .keepWatching)
        #expect(watch.observed(Self.queued, at: .milliseconds(300)) == .keepWatching)
        #expect(watch.observed(Self.queued, at: .milliseconds(450)) == .keepWatching)
        #expect(watch.observed(Self.queued, at: .milliseconds(500)) == .cancelQueueWait(waited: .milliseconds(200)))
    }

    @Test func noLockTimeoutMeansNoBound() {
        var watch = ConcurrentBuildWatch(queueLimit: .zero)
        #expect(watch.observed(Self.queued, at: .seconds(0)) == .keepWatching)
        #expect(watch.observed(Self.queued, at: .seconds(600)) == .keepWatching)
    }

    @Test func waitsForOtherTransactionsAreReportedOnceEachAndNeverCut() {
        var watch = ConcurrentBuildWatch(queueLimit: .milliseconds(200))
        #expect(watch.observed(Self.snapshots([42]), at: .seconds(1)) == .report(phase: "waiting for old snapshots", blockers: [42]))
        #expect(watch.observed(Self.snapshots([42]), at: .seconds(30)) == .keepWatching)
        #expect(watch.observed(Self.snapshots([43]), at: .seconds(31)) == .report(phase: "waiting for old snapshots", blockers: [43]))
        let prepared = Observation(waitEventType: "Lock", waitEvent: "transactionid", phase: "waiting for writers before build", blockers: [0])
        #expect(watch.observed(prepared, at: .seconds(32)) == .report(phase: "waiting for writers before build", blockers: [0]))
    }

    @Test func otherWaitsAndWorkAreLeftAlone() {
        var watch = ConcurrentBuildWatch(queueLimit: .milliseconds(200))
        let io = Observation(waitEventType: "IO", waitEvent: "DataFileRead", phase: "building index: scanning table", blockers: [])
        #expect(watch.observed(io, at: .seconds(5)) == .keepWatching)
        #expect(watch.observed(Self.building, at: .seconds(6)) == .keepWatching)
    }
}
