import Testing
@testable import OnlineDDLLocking
@testable import OnlineDDLParsing

@Suite("Parsing: queries normalized so no data value is shown")
struct SQLNormalizerTests {
    @Test func constantsBecomeParameters() {
        #expect(SQLNormalizer.normalize("UPDATE t SET card = '4111-1111-1111-1111' WHERE id = 42")
                == "UPDATE t SET card = $1 WHERE id = $2")
        #expect(SQLNormalizer.normalize("INSERT INTO t VALUES (1, 'a', E'b\\n', 2.5, true, NULL), (3, $$x$$, B'101', X'ff', -7)")
                == "INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6), ($7, $8, $9, $10, $11)")
    }

    @Test func commentsAreRemovedWithTheirData() {
        let normalized = SQLNormalizer.normalize("SELECT 1 /* card 4111 */ -- user alice@example.com\nFROM t")
        #expect(normalized?.contains("4111") == false)
        #expect(normalized?.contains("alice") == false)
        #expect(normalized?.contains("$1") == true)
    }

    @Test func queriesThatDoNotParseAreNotNormalized() {
        #expect(SQLNormalizer.normalize("UPDATE t SET card = '4111-1111") == nil)
        #expect(SQLNormalizer.normalize("SELECT * FROM t WHERE a = 'x' AND") == nil)
        #expect(SQLNormalizer.normalize("SELECT '\u{0}'") == nil)
        #expect(SQLNormalizer.normalize("SELECT 1 " + String(repeating: "-+", count: 1_000)) == nil)
    }

    @Test func theLiveLockTableShowsQueriesAsItsPolicySays() {
        let activity = SessionActivity(
            pid: 42, user: "app", applicationName: "console", clientAddress: nil, state: "idle in transaction",
            backendXID: nil, transactionStart: 0, queryStart: 0, stateChange: 0, waitEventType: nil, waitEvent: nil,
            query: "UPDATE t SET card = '4111-1111-1111-1111' WHERE id = 1", backendType: "client backend")
        let lock = LockSnapshot.Lock(
            tag: LockTag(type: "relation", key: "1:2", relationName: "public.t", relationID: 2), session: "3/7", pid: 42,
            mode: .rowExclusive, granted: true, waitStart: nil)
        let snapshot = LockSnapshot(locks: [lock], activity: [42: activity], takenAt: 10, serverVersion: 150_000)
        #expect(LiveLockTable(snapshot: snapshot).session("3/7").query == "UPDATE t SET card = '4111-1111-1111-1111' WHERE id = 1")
        #expect(LiveLockTable(snapshot: snapshot, queryTexts: .normalized).session("3/7").query == "UPDATE t SET card = $1 WHERE id = $2")
        #expect(QueryTextPolicy.normalized.text(of: "UPDATE t SET card = '4111-11") == "<query not shown: could not be normalized>")
    }
}
