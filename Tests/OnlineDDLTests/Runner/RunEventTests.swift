import Foundation
import Testing
@testable import OnlineDDLRunner
@testable import OnlineDDLLocking

/// The JSON Lines events, encoded as `apply --format json` encodes them.
@Suite("Runner: JSON events")
struct RunEventTests {
    static func json(_ event: RunEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(event), as: UTF8.self)
    }

    static let position = StatementPosition(
        version: "0002", file: "db/migrations/0002_add_index.sql", line: 3, column: 1, statement: 2)

    @Test func waitingEventHasItsNameAndSnakeCaseKeys() throws {
        let event = RunEvent.waiting(.init(
            position: Self.position, relation: "public.accounts", mode: .accessExclusive,
            blockers: [GateBlocker(
                pid: 4242, applicationName: "psql", user: "app", state: "idle in transaction", transactionAgeSeconds: 42.5,
                query: "UPDATE accounts SET balance = 0", isLong: true, reason: "idle in transaction for 42.5 s")],
            waitedSeconds: 1.5, nextCheckMilliseconds: 250))
        #expect(try Self.json(event) == """
            {"blockers":[{"application_name":"psql","long":true,"pid":4242,"query":"UPDATE accounts SET balance = 0",\
            "reason":"idle in transaction for 42.5 s","state":"idle in transaction","transaction_age_seconds":42.5,\
            "user":"app"}],"event":"waiting","mode":"AccessExclusiveLock","next_check_ms":250,\
            "position":{"column":1,"file":"db/migrations/0002_add_index.sql","line":3,"statement":2,"version":"0002"},\
            "relation":"public.accounts","waited_seconds":1.5}
            """)
    }

    @Test func summaryEventHasItsNameAndSnakeCaseKeys() throws {
        let event = RunEvent.summary(RunSummary(
            outcome: .gaveUp, applied: ["1"], pending: ["2", "10"], durationMilliseconds: 61_250,
            lockWaitMilliseconds: 60_000, message: "waited 1 m 00 s"))
        #expect(try Self.json(event) == """
            {"applied":["1"],"duration_ms":61250,"event":"summary","lock_wait_ms":60000,"message":"waited 1 m 00 s",\
            "outcome":"gave_up","pending":["2","10"]}
            """)
    }

    @Test func attemptFailedEventLeavesOutMissingValues() throws {
        let event = RunEvent.attemptFailed(.init(
            position: Self.position, attempt: 3, sqlState: "55P03", message: "canceling statement due to lock timeout",
            retryInMilliseconds: nil))
        #expect(try Self.json(event) == """
            {"attempt":3,"event":"attempt_failed","message":"canceling statement due to lock timeout",\
            "position":{"column":1,"file":"db/migrations/0002_add_index.sql","line":3,"statement":2,"version":"0002"},\
            "sqlstate":"55P03"}
            """)
    }

    @Test func migrationDoneEventCarriesTheLockWait() throws {
        let event = RunEvent.migrationDone(.init(
            version: "0002", name: "add_index", durationMilliseconds: 900, attempts: 2, lockWaitMilliseconds: 350))
        #expect(try Self.json(event) == """
            {"attempts":2,"duration_ms":900,"event":"migration_done","lock_wait_ms":350,"name":"add_index","version":"0002"}
            """)
    }
}
