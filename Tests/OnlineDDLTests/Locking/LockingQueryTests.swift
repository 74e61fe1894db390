import Testing
@testable import OnlineDDLLocking

extension LockingTests {
    @Suite("Locking: simulator queries and what-if predictions")
    struct LockingQueryTests {
        @Test func lockRowsAreInDeterministicOrder() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "s1", object: "t1", mode: .rowExclusive)
            _ = simulator.acquire(session: "s2", object: "t2", mode: .accessShare)
            _ = simulator.acquire(session: "s2", object: "t1", mode: .accessShare)
            _ = simulator.acquire(session: "s1", object: "t1", mode: .accessShare)
            _ = simulator.acquire(session: "s3", object: "t1", mode: .accessExclusive)
            _ = simulator.acquire(session: "s4", object: "t1", mode: .accessShare)
            #expect(simulator.locks() == [
                LockRow(session: "s1", object: "t1", mode: .accessShare, granted: true),
                LockRow(session: "s1", object: "t1", mode: .rowExclusive, granted: true),
                LockRow(session: "s2", object: "t1", mode: .accessShare, granted: true),
                LockRow(session: "s3", object: "t1", mode: .accessExclusive, granted: false),
                LockRow(session: "s4", object: "t1", mode: .accessShare, granted: false),
                LockRow(session: "s2", object: "t2", mode: .accessShare, granted: true),
            ])
            #expect(simulator.heldModes(of: "s1", on: "t1") == [LockModeSet(.accessShare), LockModeSet(.rowExclusive)])
            #expect(simulator.heldModes(of: "s1", on: "t2") == [])
            #expect(simulator.heldModes(of: "nobody", on: "t1") == [])
            #expect(simulator.blockers(of: "s4") == LockBlockers(hard: [], soft: ["s3"]))
            #expect(simulator.blockers(of: "s3") == LockBlockers(hard: ["s1", "s2"], soft: []))
            #expect(simulator.blockers(of: "s1") == nil)
            #expect(simulator.awaitedLock(of: "s1") == nil)
            #expect(simulator.waitQueue(of: "t2") == [])
            #expect(simulator.waitQueue(of: "unknown") == [])
        }

        /// The classic outage: an open writer, a waiting ALTER, and every newcomer stuck.
        @Test func predictClassicOutage() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "T1", object: "t", mode: .rowExclusive)

            let alter = simulator.predict(session: "T2", object: "t", mode: .accessExclusive)
            #expect(alter == LockPrediction(
                outcome: .waiting(hardBlockers: ["T1"], softBlockers: []), stuckWaiters: [],
                newlyBlockedModes: [.init(.accessShare), .init(.rowShare), .init(.rowExclusive), .init(.shareUpdateExclusive)]))
            #expect(!alter.isGrantedNow)

            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
            let before = simulator.locks()
            let insert = simulator.predict(session: "T3", object: "t", mode: .rowExclusive)
            #expect(insert == LockPrediction(
                outcome: .waiting(hardBlockers: [], softBlockers: ["T2"]), stuckWaiters: [], newlyBlockedModes: []))
            #expect(simulator.locks() == before)
            #expect(simulator.predict(session: "T1", object: "t", mode: .rowExclusive)
                == LockPrediction(outcome: .granted, stuckWaiters: [], newlyBlockedModes: []))
        }

        @Test func predictQueueJumpGrantListsWaitersItBlocks() {
            var simulator = LockSimulator(postgresVersion: 16)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
            #expect(simulator.predict(session: "T1", object: "t", mode: .rowExclusive)
                == LockPrediction(outcome: .granted, stuckWaiters: ["T2"], newlyBlockedModes: []))
            #expect(simulator.predict(session: "T1", object: "t", mode: .rowExclusive, noWait: true)
                == LockPrediction(outcome: .notAvailable, stuckWaiters: [], newlyBlockedModes: []))
        }

        @Test func predictWaitListsConflictingWaitersBehind() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "X", object: "t", mode: .rowExclusive)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
            #expect(simulator.predict(session: "T1", object: "t", mode: .share) == LockPrediction(
                outcome: .waiting(hardBlockers: ["X"], softBlockers: []), stuckWaiters: ["T2"], newlyBlockedModes: []))
        }

        @Test func predictEarlyDeadlockAndFreshObjects() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessExclusive)
            #expect(simulator.predict(session: "T2", object: "t", mode: .accessExclusive)
                == LockPrediction(outcome: .deadlock, stuckWaiters: [], newlyBlockedModes: []))
            #expect(simulator.predict(session: "new", object: "fresh", mode: .share)
                == LockPrediction(outcome: .granted, stuckWaiters: [], newlyBlockedModes: LockMode.share.conflictingModes))
            _ = simulator.acquire(session: "T3", object: "u", mode: .accessShare)
            #expect(simulator.predict(session: "new", object: "u", mode: .share) == LockPrediction(
                outcome: .granted, stuckWaiters: [],
                newlyBlockedModes: [.init(.rowExclusive), .init(.shareUpdateExclusive), .init(.shareRowExclusive), .init(.exclusive)]))
            #expect(simulator.predict(session: "new", object: "u", mode: .accessShare)
                == LockPrediction(outcome: .granted, stuckWaiters: [], newlyBlockedModes: []))
        }
    }
}
