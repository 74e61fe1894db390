import Testing
@testable import OnlineDDLLocking

extension LockingTests {
    @Suite("Locking: deadlock detection after deadlock_timeout")
    struct LockingDeadlockTests {
        @Test func crossedUpdatesFormAHardDeadlock() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "s1", object: "t1", mode: .rowExclusive)
            _ = simulator.acquire(session: "s2", object: "t2", mode: .rowExclusive)
            #expect(simulator.checkDeadlock(for: "s1") == .noDeadlock)
            _ = simulator.acquire(session: "s1", object: "t2", mode: .accessExclusive)
            #expect(simulator.checkDeadlock(for: "s1") == .noDeadlock)
            #expect(simulator.acquire(session: "s2", object: "t1", mode: .accessExclusive)
                == .waiting(hardBlockers: ["s1"], softBlockers: []))
            #expect(simulator.checkDeadlock(for: "s2") == .hardDeadlock(cycle: ["s2", "s1"]))
            #expect(simulator.checkDeadlock(for: "s1") == .hardDeadlock(cycle: ["s1", "s2"]))

            #expect(simulator.removeWaiter(session: "s2") == [])
            #expect(simulator.releaseAll(session: "s2") == ["s1"])
            #expect(simulator.checkDeadlock(for: "s1") == .noDeadlock)
        }

        @Test func longerHardCycle() {
            var simulator = LockSimulator(postgresVersion: 17)
            for (session, object) in [("a", "x"), ("b", "y"), ("c", "z")] {
                _ = simulator.acquire(session: session, object: object, mode: .exclusive)
            }
            _ = simulator.acquire(session: "a", object: "y", mode: .exclusive)
            _ = simulator.acquire(session: "b", object: "z", mode: .exclusive)
            _ = simulator.acquire(session: "c", object: "x", mode: .exclusive)
            #expect(simulator.checkDeadlock(for: "b") == .hardDeadlock(cycle: ["b", "c", "a"]))
            #expect(simulator.checkDeadlock(for: "unknown") == .noDeadlock)
        }

        /// a waits for h (hard), h waits for b (hard), b waits behind a's request (soft).
        @Test func cycleThroughQueueOrderIsSoft() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "h", object: "t", mode: .rowExclusive)
            _ = simulator.acquire(session: "b", object: "u", mode: .rowExclusive)
            _ = simulator.acquire(session: "a", object: "t", mode: .accessExclusive)
            #expect(simulator.acquire(session: "b", object: "t", mode: .accessShare)
                == .waiting(hardBlockers: [], softBlockers: ["a"]))
            _ = simulator.acquire(session: "h", object: "u", mode: .accessExclusive)
            #expect(simulator.checkDeadlock(for: "a") == .softCycle(cycle: ["a", "h", "b"]))
            #expect(simulator.checkDeadlock(for: "b") == .softCycle(cycle: ["b", "a", "h"]))
        }
    }
}
