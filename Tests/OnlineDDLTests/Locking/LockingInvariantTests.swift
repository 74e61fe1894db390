import Testing
@testable import OnlineDDLLocking

extension LockingTests {
    @Suite("Locking: invariants under a random workload")
    struct LockingInvariantTests {
        /// A fixed-seed xorshift generator, so failures reproduce.
        private struct Generator {
            var state: UInt64
            mutating func next(below bound: Int) -> Int {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return Int(state % UInt64(bound))
            }
        }

        /// After every operation no queued request could be granted by a wakeup scan (so the
        /// early-deadlock dequeue-and-rescan of PostgreSQL 16/17 changes nothing), the masks
        /// match the rows, and each object holds at most one row per session and mode.
        @Test(arguments: [16, 17])
        func randomWorkloadKeepsQueuesSettled(version: Int) {
            var simulator = LockSimulator(postgresVersion: version)
            let sessions = (0..<24).map { simulator.sessionID(for: "s\($0)") }
            let objects = (0..<4).map { simulator.objectID(for: "t\($0)") }
            var generator = Generator(state: 0x5DEECE66D)
            for _ in 0..<20_000 {
                let session = sessions[generator.next(below: sessions.count)]
                let roll = generator.next(below: 10)
                if simulator.isWaiting(session) {
                    _ = roll < 3 ? simulator.removeWaiter(session) : simulator.releaseAll(session)
                } else if roll < 2 {
                    _ = simulator.releaseAll(session)
                } else {
                    let object = objects[generator.next(below: objects.count)]
                    let mode = LockMode.allCases[generator.next(below: 8)]
                    let status = simulator.acquire(session, on: object, mode: mode, noWait: roll == 9)
                    if status == .deadlock || status == .notAvailable { _ = simulator.releaseAll(session) }
                }
                checkInvariants(simulator)
            }
        }

        private func checkInvariants(_ simulator: LockSimulator) {
            let rows = simulator.locks()
            for (index, object) in simulator.objects.enumerated() {
                var settled = object
                var granted: [LockSessionID] = []
                settled.wakeWaiters(appendingTo: &granted)
                #expect(granted.isEmpty)

                let name = simulator.objectNames[index]
                let held = rows.filter { $0.object == name && $0.granted }
                let shared = simulator.sessions.map { $0.sharedTableModes(on: Int32(index)) }
                #expect(object.grantedModes == shared.reduce(LockModeSet()) { $0.union($1) })
                #expect(LockModeSet(held.map { LockModeSet($0.mode) }) == object.grantedModes.union(
                    LockModeSet(simulator.sessions.map { $0.fastPathOnlyModes(on: Int32(index)) })))
                // Strong locks held or awaited are counted, and while any is, no weak lock is in a fast-path slot.
                let strongHeld = shared.map { $0.intersection(.strong).modes.count }.reduce(0, +)
                #expect(Int(object.strongLockCount) == strongHeld + object.queue.filter { $0.mode.isStrong }.count)
                #expect(object.strongLockCount == 0 || object.fastPathHolders.isEmpty)
                #expect(object.awaitedModes == LockModeSet(object.queue.map { LockModeSet($0.mode) }))
                #expect(Set(held.map { "\($0.session) \($0.mode)" }).count == held.count)
            }
        }
    }
}
