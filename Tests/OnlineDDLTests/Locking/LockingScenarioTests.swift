import Foundation
import Testing
@testable import OnlineDDLLocking
@testable import OnlineDDLReporting

extension LockingTests {
    @Suite("Locking: simulate scenarios, JSON contract and report")
    struct LockingScenarioTests {
        private func lock(_ session: String, _ object: String, _ mode: LockMode, noWait: Bool? = nil) -> LockScenarioStep {
            LockScenarioStep(session: session, lock: object, mode: mode.pgLocksName, noWait: noWait)
        }

        private func release(_ session: String) -> LockScenarioStep {
            LockScenarioStep(session: session, release: true)
        }

        private func cancel(_ session: String) -> LockScenarioStep {
            LockScenarioStep(session: session, cancel: true)
        }

        private func row(_ session: String, _ object: String, _ mode: LockMode, granted: Bool = true) -> LockRow {
            LockRow(session: session, object: object, mode: mode, granted: granted)
        }

        @Test func jsonContractRoundTrip() throws {
            let input = #"{"pg_version":17,"steps":[{"session":"s1","lock":"t1","mode":"RowExclusiveLock"},"#
                + #"{"session":"s2","lock":"t1","mode":"AccessExclusiveLock","nowait":true},"#
                + #"{"session":"s1","release":true}]}"#
            let scenario = try JSONDecoder().decode(LockScenario.self, from: Data(input.utf8))
            #expect(scenario == LockScenario(postgresVersion: 17, steps: [
                lock("s1", "t1", .rowExclusive), lock("s2", "t1", .accessExclusive, noWait: true), release("s1"),
            ]))
            #expect(try JSONDecoder().decode(LockScenario.self, from: JSONEncoder().encode(scenario)) == scenario)

            let result = try scenario.run()
            let output = String(decoding: try result.jsonData(), as: UTF8.self)
            #expect(output == #"{"states":["#
                + #"{"errors":{},"locks":[{"granted":true,"mode":"RowExclusiveLock","relation":"t1","session":"s1"}]},"#
                + #"{"errors":{"s2":"55P03"},"locks":[{"granted":true,"mode":"RowExclusiveLock","relation":"t1","session":"s1"}]},"#
                + #"{"errors":{},"locks":[]}]}"#)
            #expect(try JSONDecoder().decode(LockScenarioResult.self, from: Data(output.utf8)) == result)
        }

        @Test func pgVersionIsOptional() throws {
            let scenario = try JSONDecoder().decode(
                LockScenario.self, from: Data(#"{"steps":[{"session":"s","release":true}]}"#.utf8))
            #expect(scenario.postgresVersion == nil)
            #expect(try scenario.run() == LockScenarioResult(states: [LockScenarioState(locks: [])]))
        }

        /// A deadlock victim is aborted: its locks go at once, its next statements fail with
        /// 25P02 and change nothing, and its release ends the aborted transaction.
        @Test func abortedTransactionSemantics() throws {
            let scenario = LockScenario(steps: [
                lock("s1", "t1", .accessShare),
                lock("s2", "t1", .accessShare),
                lock("s1", "t1", .accessExclusive),
                lock("s2", "t1", .accessExclusive),
                lock("s2", "t2", .rowShare),
                release("s2"),
                lock("s2", "t2", .rowShare),
            ])
            let states = try scenario.run().states
            #expect(states.count == 7)
            #expect(states[2] == LockScenarioState(locks: [
                row("s1", "t1", .accessShare), row("s2", "t1", .accessShare), row("s1", "t1", .accessExclusive, granted: false),
            ]))
            let afterDeadlock = LockScenarioState(
                locks: [row("s1", "t1", .accessShare), row("s1", "t1", .accessExclusive)], errors: ["s2": "40P01"])
            #expect(states[3] == afterDeadlock)
            #expect(states[4] == LockScenarioState(locks: afterDeadlock.locks, errors: ["s2": "25P02"]))
            #expect(states[5] == LockScenarioState(locks: afterDeadlock.locks))
            #expect(states[6] == LockScenarioState(locks: afterDeadlock.locks + [row("s2", "t2", .rowShare)]))
        }

        @Test func cancelAbortsTheWaiterAndWakesThoseBehindIt() throws {
            let scenario = LockScenario(steps: [
                lock("app", "t", .rowExclusive),
                lock("ddl", "u", .accessExclusive),
                lock("ddl", "t", .accessExclusive),
                lock("reader", "t", .accessShare),
                cancel("ddl"),
                lock("ddl", "t", .accessShare),
            ])
            let states = try scenario.run().states
            #expect(states[3].locks.filter { !$0.granted } == [
                row("ddl", "t", .accessExclusive, granted: false), row("reader", "t", .accessShare, granted: false),
            ])
            #expect(states[4] == LockScenarioState(
                locks: [row("app", "t", .rowExclusive), row("reader", "t", .accessShare)], errors: ["ddl": "57014"]))
            #expect(states[5] == LockScenarioState(locks: states[4].locks, errors: ["ddl": "25P02"]))
        }

        @Test(arguments: [(16, ["T1": "55P03"]), (17, [:])])
        func noWaitQueueJumpByVersion(version: Int, errors: [String: String]) throws {
            let scenario = LockScenario(postgresVersion: version, steps: [
                lock("T1", "t", .accessShare),
                lock("T2", "t", .accessExclusive),
                lock("T1", "t", .rowExclusive, noWait: true),
            ])
            let last = try #require(try scenario.run().states.last)
            #expect(last.errors == errors)
            let expectedLocks = errors.isEmpty
                ? [row("T1", "t", .accessShare), row("T1", "t", .rowExclusive), row("T2", "t", .accessExclusive, granted: false)]
                : [row("T2", "t", .accessExclusive)]
            #expect(last.locks == expectedLocks)
        }

        @Test func releaseOfIdleSessionIsANoOpCommit() throws {
            let states = try LockScenario(steps: [lock("a", "t", .share), release("b")]).run().states
            #expect(states[1] == LockScenarioState(locks: [row("a", "t", .share)]))
        }

        @Test(arguments: [
            (LockScenarioStep(session: "s", lock: "t", mode: "RowExclusive"), LockScenarioError.unknownMode(step: 2, name: "RowExclusive")),
            (LockScenarioStep(session: "s"), .missingAction(step: 2)),
            (LockScenarioStep(session: "s", lock: "t", mode: "ShareLock", release: true), .conflictingActions(step: 2)),
            (LockScenarioStep(session: "s", release: true, cancel: true), .conflictingActions(step: 2)),
            (LockScenarioStep(session: "s", lock: "t"), .missingMode(step: 2)),
            (LockScenarioStep(session: "s", mode: "ShareLock", release: true), .fieldNotAllowed(step: 2, field: "mode")),
            (LockScenarioStep(session: "s", noWait: true, cancel: true), .fieldNotAllowed(step: 2, field: "nowait")),
        ])
        func invalidStepsAreRejected(step: LockScenarioStep, error: LockScenarioError) {
            let scenario = LockScenario(steps: [lock("a", "t", .share), step])
            #expect(throws: error) { try scenario.run() }
        }

        @Test func sessionStateErrorsNameTheStep() {
            let waiting = LockScenario(steps: [
                lock("a", "t", .accessExclusive), lock("b", "t", .accessShare), lock("b", "u", .accessShare),
            ])
            #expect(throws: LockScenarioError.sessionIsWaiting(step: 3, session: "b")) { try waiting.run() }
            let committing = LockScenario(steps: [lock("a", "t", .accessExclusive), lock("b", "t", .accessShare), release("b")])
            #expect(throws: LockScenarioError.sessionIsWaiting(step: 3, session: "b")) { try committing.run() }
            let cancelling = LockScenario(steps: [lock("a", "t", .accessExclusive), cancel("a")])
            #expect(throws: LockScenarioError.sessionNotWaiting(step: 2, session: "a")) { try cancelling.run() }
            #expect(throws: LockScenarioError.unsupportedPostgresVersion(11)) {
                try LockScenario(postgresVersion: 11, steps: []).run()
            }
        }

        @Test func errorDescriptionsNameTheStep() {
            #expect(LockScenarioError.unknownMode(step: 4, name: "Foo").description.hasPrefix(
                #"step 4: unknown lock mode "Foo"; expected one of AccessShareLock, RowShareLock"#))
            #expect(LockScenarioError.sessionIsWaiting(step: 2, session: "s2").description
                == #"step 2: session "s2" is waiting for a lock and cannot send a statement"#)
            #expect(LockScenarioError.missingAction(step: 1).description
                == #"step 1: needs one of "lock", "release": true or "cancel": true"#)
        }

        @Test func reportRendersEveryStep() throws {
            let scenario = LockScenario(steps: [
                lock("s1", "orders", .rowExclusive),
                lock("s2", "orders", .accessExclusive, noWait: true),
                lock("s3", "orders", .accessExclusive),
                cancel("s3"),
                release("s1"),
            ])
            let report = LockScenarioReport.render(actions: try scenario.actions(), result: try scenario.run())
            #expect(report == """
                Step 1: s1 locks orders in ROW EXCLUSIVE mode
                  object  session  mode              state
                  orders  s1       RowExclusiveLock  granted
                Step 2: s2 locks orders in ACCESS EXCLUSIVE mode NOWAIT
                  object  session  mode              state
                  orders  s1       RowExclusiveLock  granted
                  error: s2 55P03 lock_not_available
                Step 3: s3 locks orders in ACCESS EXCLUSIVE mode
                  object  session  mode                 state
                  orders  s1       RowExclusiveLock     granted
                  orders  s3       AccessExclusiveLock  waiting
                Step 4: s3 is cancelled while waiting
                  object  session  mode              state
                  orders  s1       RowExclusiveLock  granted
                  error: s3 57014 query_canceled
                Step 5: s1 commits
                  (no locks)

                """)
        }
    }
}
