import Testing
@testable import OnlineDDLLocking

extension LockingTests {
    @Suite("Locking: simulator acquisition, queueing and wakeup")
    struct LockingSimulatorTests {
        private func row(_ session: String, _ object: String, _ mode: LockMode, granted: Bool = true) -> LockRow {
            LockRow(session: session, object: object, mode: mode, granted: granted)
        }

        /// Reference §8.1: a SELECT queues behind a waiting ALTER; lock_timeout of the ALTER
        /// frees it, a commit of the old reader grants the ALTER instead.
        @Test func selectQueuesBehindWaitingAlter() {
            var simulator = LockSimulator(postgresVersion: 17)
            #expect(simulator.acquire(session: "T1", object: "t", mode: .accessShare) == .granted)
            #expect(simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
                == .waiting(hardBlockers: ["T1"], softBlockers: []))
            #expect(simulator.acquire(session: "T3", object: "t", mode: .accessShare)
                == .waiting(hardBlockers: [], softBlockers: ["T2"]))

            var lockTimeout = simulator
            #expect(lockTimeout.removeWaiter(session: "T2") == ["T3"])
            #expect(lockTimeout.locks() == [row("T1", "t", .accessShare), row("T3", "t", .accessShare)])

            #expect(simulator.releaseAll(session: "T1") == ["T2"])
            #expect(simulator.locks() == [row("T2", "t", .accessExclusive), row("T3", "t", .accessShare, granted: false)])
            #expect(simulator.blockers(of: "T3") == LockBlockers(hard: ["T2"], soft: []))
        }

        /// Reference §8.2: SELECT passes a waiting CREATE INDEX, INSERT queues behind it.
        @Test func createIndexLetsReadersPassButQueuesWriters() {
            var simulator = LockSimulator(postgresVersion: 17)
            #expect(simulator.acquire(session: "T1", object: "t", mode: .rowExclusive) == .granted)
            #expect(simulator.acquire(session: "T2", object: "t", mode: .share)
                == .waiting(hardBlockers: ["T1"], softBlockers: []))
            #expect(simulator.acquire(session: "T3", object: "t", mode: .accessShare) == .granted)
            #expect(simulator.acquire(session: "T4", object: "t", mode: .rowExclusive)
                == .waiting(hardBlockers: [], softBlockers: ["T2"]))
            #expect(simulator.waitQueue(of: "t") == [
                LockWaiter(session: "T2", mode: .share), LockWaiter(session: "T4", mode: .rowExclusive),
            ])
            #expect(simulator.releaseAll(session: "T1") == ["T2"])
            #expect(simulator.releaseAll(session: "T2") == ["T4"])
        }

        /// Reference §8.3: two AccessShare holders both ask for AccessExclusive.
        @Test func lockUpgradeByTwoReadersIsAnEarlyDeadlock() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessShare)
            #expect(simulator.acquire(session: "T1", object: "t", mode: .accessExclusive)
                == .waiting(hardBlockers: ["T2"], softBlockers: []))
            let before = simulator.locks()
            #expect(simulator.acquire(session: "T2", object: "t", mode: .accessExclusive) == .deadlock)
            #expect(simulator.locks() == before)
            #expect(simulator.releaseAll(session: "T2") == ["T1"])
            #expect(simulator.heldModes(of: "T1", on: "t") == [LockModeSet(.accessShare), LockModeSet(.accessExclusive)])
        }

        /// Reference §8.4: a holder whose request a waiter must wait for is granted ahead of it;
        /// with NOWAIT only PostgreSQL 17 and later run that rule before failing.
        @Test(arguments: [(15, false), (16, false), (17, true), (18, true)])
        func noWaitQueueJumpDependsOnVersion(version: Int, noWaitGranted: Bool) {
            var simulator = LockSimulator(postgresVersion: version)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)

            var waiting = simulator
            #expect(waiting.acquire(session: "T1", object: "t", mode: .rowExclusive) == .granted)
            #expect(waiting.waitQueue(of: "t") == [LockWaiter(session: "T2", mode: .accessExclusive)])

            let before = simulator.locks()
            let expected: LockOutcome = noWaitGranted ? .granted : .notAvailable
            #expect(simulator.acquire(session: "T1", object: "t", mode: .rowExclusive, noWait: true) == expected)
            if !noWaitGranted { #expect(simulator.locks() == before) }
        }

        @Test(arguments: [15, 17])
        func noWaitFailsWhenTheRequestWouldSleep(version: Int) {
            var simulator = LockSimulator(postgresVersion: version)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
            #expect(simulator.acquire(session: "T3", object: "t", mode: .accessShare, noWait: true) == .notAvailable)
            #expect(simulator.acquire(session: "T3", object: "u", mode: .accessShare, noWait: true) == .granted)
        }

        /// NOWAIT never reports a deadlock: an early deadlock becomes 55P03.
        @Test(arguments: [15, 17, 18])
        func noWaitTurnsEarlyDeadlockIntoNotAvailable(version: Int) {
            var simulator = LockSimulator(postgresVersion: version)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessExclusive)
            #expect(simulator.acquire(session: "T2", object: "t", mode: .accessExclusive, noWait: true) == .notAvailable)
        }

        /// A queued request blocks a later one that conflicts only with it, even when the later
        /// one is compatible with every granted lock.
        @Test func waitMaskRule() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "reader", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "alter", object: "t", mode: .accessExclusive)
            #expect(simulator.acquire(session: "locker", object: "t", mode: .rowShare)
                == .waiting(hardBlockers: [], softBlockers: ["alter"]))
            #expect(simulator.acquire(session: "other", object: "u", mode: .rowShare) == .granted)
        }

        /// A request compatible with the waiters' and the holders' modes is granted past them.
        @Test func compatibleRequestPassesWaiters() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "writer", object: "t", mode: .rowExclusive)
            _ = simulator.acquire(session: "index", object: "t", mode: .share)
            #expect(simulator.acquire(session: "reader", object: "t", mode: .accessShare) == .granted)
            #expect(simulator.acquire(session: "locker", object: "t", mode: .rowShare) == .granted)
            #expect(simulator.waitQueue(of: "t") == [LockWaiter(session: "index", mode: .share)])
        }

        @Test func alreadyHeldModeIsGrantedAgainWithWaitersQueued() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
            let before = simulator.locks()
            #expect(simulator.acquire(session: "T1", object: "t", mode: .accessShare) == .granted)
            #expect(simulator.acquire(session: "T1", object: "t", mode: .accessShare, noWait: true) == .granted)
            #expect(simulator.locks() == before)
            #expect(simulator.releaseAll(session: "T1") == ["T2"])
        }

        /// A holder queues just ahead of the first waiter that must wait for it, behind earlier
        /// waiters it conflicts with.
        @Test func holderQueuesAheadOfFirstWaiterThatMustWaitForIt() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "X", object: "t", mode: .rowExclusive)
            _ = simulator.acquire(session: "W1", object: "t", mode: .share)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
            #expect(simulator.acquire(session: "T1", object: "t", mode: .rowExclusive)
                == .waiting(hardBlockers: [], softBlockers: ["W1"]))
            #expect(simulator.waitQueue(of: "t").map(\.session) == ["W1", "T1", "T2"])
            #expect(simulator.blockers(of: "T2") == LockBlockers(hard: ["T1", "X"], soft: ["W1"]))

            #expect(simulator.releaseAll(session: "X") == ["W1"])
            #expect(simulator.releaseAll(session: "W1") == ["T1"])
            #expect(simulator.waitQueue(of: "t").map(\.session) == ["T2"])
        }

        /// Inserted ahead of the waiter but blocked by a holder: it sleeps there.
        @Test func holderBlockedByGrantedLockWaitsAheadOfWaiter() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "T1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "X", object: "t", mode: .rowExclusive)
            _ = simulator.acquire(session: "T2", object: "t", mode: .accessExclusive)
            #expect(simulator.acquire(session: "T1", object: "t", mode: .share)
                == .waiting(hardBlockers: ["X"], softBlockers: []))
            #expect(simulator.waitQueue(of: "t").map(\.session) == ["T1", "T2"])
            #expect(simulator.releaseAll(session: "X") == ["T1"])
        }

        /// One scan grants several waiters; a waiter left asleep blocks later conflicting ones,
        /// and grants made earlier in the scan count as held.
        @Test func wakeupScanOrder() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "H", object: "t", mode: .accessExclusive)
            let requests: [(String, LockMode, [String])] = [
                ("W1", .accessShare, []), ("W2", .share, []), ("W3", .rowExclusive, ["W2"]), ("W4", .rowShare, []),
                ("W5", .share, ["W3"]),
            ]
            for (session, mode, softBlockers) in requests {
                #expect(simulator.acquire(session: session, object: "t", mode: mode)
                    == .waiting(hardBlockers: ["H"], softBlockers: softBlockers))
            }
            #expect(simulator.releaseAll(session: "H") == ["W1", "W2", "W4"])
            #expect(simulator.waitQueue(of: "t").map(\.session) == ["W3", "W5"])
            #expect(simulator.blockers(of: "W3") == LockBlockers(hard: ["W2"], soft: []))
            #expect(simulator.blockers(of: "W5") == LockBlockers(hard: [], soft: ["W3"]))

            #expect(simulator.releaseAll(session: "W2") == ["W3"])
            #expect(simulator.blockers(of: "W5") == LockBlockers(hard: ["W3"], soft: []))
        }

        @Test func removeWaiterWakesLaterWaitersAndKeepsOtherLocks() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "ddl", object: "u", mode: .accessExclusive)
            _ = simulator.acquire(session: "app", object: "t", mode: .rowExclusive)
            _ = simulator.acquire(session: "ddl", object: "t", mode: .accessExclusive)
            _ = simulator.acquire(session: "r1", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "r2", object: "t", mode: .share)
            #expect(simulator.awaitedLock(of: "ddl") == LockRequest(object: "t", mode: .accessExclusive))
            #expect(simulator.removeWaiter(session: "ddl") == ["r1"])
            #expect(simulator.awaitedLock(of: "ddl") == nil)
            #expect(simulator.heldModes(of: "ddl", on: "u") == LockModeSet(.accessExclusive))
            #expect(simulator.waitQueue(of: "t") == [LockWaiter(session: "r2", mode: .share)])
            #expect(simulator.removeWaiter(session: "ddl") == [])
            #expect(simulator.removeWaiter(session: "nobody") == [])
        }

        @Test func releaseAllOfWaitingSessionDropsRequestAndLocks() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "a", object: "t", mode: .rowExclusive)
            _ = simulator.acquire(session: "b", object: "u", mode: .accessExclusive)
            _ = simulator.acquire(session: "b", object: "t", mode: .accessExclusive)
            _ = simulator.acquire(session: "c", object: "t", mode: .accessShare)
            _ = simulator.acquire(session: "d", object: "u", mode: .accessShare)
            #expect(simulator.releaseAll(session: "b") == ["c", "d"])
            #expect(simulator.locks() == [
                row("a", "t", .rowExclusive), row("c", "t", .accessShare), row("d", "u", .accessShare),
            ])
            #expect(simulator.releaseAll(session: "nobody") == [])
        }

        @Test func copiesAreIndependentWorlds() {
            var simulator = LockSimulator(postgresVersion: 17)
            _ = simulator.acquire(session: "a", object: "t", mode: .accessExclusive)
            var copy = simulator
            _ = copy.acquire(session: "b", object: "t", mode: .accessShare)
            _ = copy.releaseAll(session: "a")
            #expect(simulator.locks() == [row("a", "t", .accessExclusive)])
            #expect(copy.locks() == [row("b", "t", .accessShare)])
        }

        @Test func idsAndNamesRoundTrip() {
            var simulator = LockSimulator(postgresVersion: 17)
            let session = simulator.sessionID(for: "s1")
            let object = simulator.objectID(for: "t1")
            #expect(simulator.sessionID(for: "s1") == session)
            #expect(simulator.sessionID(for: "s2") != session)
            #expect(simulator.name(of: session) == "s1")
            #expect(simulator.name(of: object) == "t1")
            #expect(simulator.acquire(session, on: object, mode: .accessExclusive) == .granted)
            let waiter = simulator.sessionID(for: "s2")
            #expect(simulator.acquire(waiter, on: object, mode: .accessShare) == .waiting)
            #expect(simulator.isWaiting(waiter))
            #expect(simulator.releaseAll(session) == [waiter])
            #expect(!simulator.isWaiting(waiter))
        }
    }
}

extension LockingTests {
    @Suite("Locking: the fast path hides weak locks from the insertion rule")
    struct LockingFastPathTests {
        /// Found by the soak run against PostgreSQL 15 and 18: s2's RowExclusive sits in its
        /// fast-path slot when it queues for ShareUpdateExclusive, so its recorded held locks
        /// are empty. s1's Exclusive request then transfers that RowExclusive into the shared
        /// table and must wait for it, but the insertion rule sees no held locks on s2 and
        /// reports no early deadlock: s1 queues ahead of s2 instead.
        @Test(arguments: [15, 17, 18])
        func strongRequestAfterFastPathWaiterQueuesInsteadOfDeadlocking(version: Int) {
            var simulator = LockSimulator(postgresVersion: version)
            #expect(simulator.acquire(session: "s2", object: "t1", mode: .rowExclusive) == .granted)
            #expect(simulator.acquire(session: "s1", object: "t1", mode: .shareUpdateExclusive) == .granted)
            #expect(simulator.acquire(session: "s2", object: "t1", mode: .shareUpdateExclusive) == .waiting(hardBlockers: ["s1"], softBlockers: []))
            #expect(simulator.acquire(session: "s1", object: "t1", mode: .exclusive) == .waiting(hardBlockers: ["s2"], softBlockers: []))
            #expect(simulator.waitQueue(of: "t1") == [LockWaiter(session: "s1", mode: .exclusive), LockWaiter(session: "s2", mode: .shareUpdateExclusive)])
        }

        /// When the weak lock was taken while a strong lock was held (so it went to the
        /// shared table), the same sequence is an early deadlock.
        @Test func weakLockInSharedTableStillDeadlocksEarly() {
            var simulator = LockSimulator(postgresVersion: 17)
            #expect(simulator.acquire(session: "s3", object: "t1", mode: .share) == .granted)
            #expect(simulator.acquire(session: "s2", object: "t1", mode: .accessShare) == .granted)
            #expect(simulator.releaseAll(session: "s3") == [])
            #expect(simulator.acquire(session: "s1", object: "t1", mode: .shareUpdateExclusive) == .granted)
            #expect(simulator.acquire(session: "s2", object: "t1", mode: .shareUpdateExclusive) == .waiting(hardBlockers: ["s1"], softBlockers: []))
            #expect(simulator.acquire(session: "s1", object: "t1", mode: .accessExclusive) == .deadlock)
        }
    }
}
