import Foundation
import OnlineDDL
import Testing

@Suite("Integration: libpq client against a real server")
struct ConnectionTests {
    @Test func connectsToTheExpectedServerVersion() throws {
        let connection = try TestDatabase.connect()
        #expect(connection.serverVersion >= 150000)
        if let major = TestDatabase.expectedMajorVersion {
            #expect(connection.serverVersion / 10000 == major)
        }
        let pid = try connection.query("SELECT pg_backend_pid() AS pid").rows[0].decode("pid", as: Int32.self)
        #expect(pid == connection.backendPID)
    }

    @Test func parameterizedQueryWithTypedRows() throws {
        let connection = try TestDatabase.connect()
        let nothing: String? = nil
        let result = try connection.query(
            "SELECT $1::int AS n, $2::text AS s, $3::bool AS b, $4::text AS missing, $5::float8 AS f",
            [41 + 1, "semi;colon 'quoted'", true, nothing, 2.5]
        )
        #expect(result.commandTag == "SELECT 1")
        let row = try #require(result.rows.first)
        #expect(try row.decode("n", as: Int.self) == 42)
        #expect(try row.decode("s", as: String.self) == "semi;colon 'quoted'")
        #expect(try row.decode("b", as: Bool.self))
        #expect(try row.decode("missing", as: String?.self) == nil)
        #expect(try row.decode("f", as: Double.self) == 2.5)
        #expect(result.columns.map(\.typeOID) == [23, 25, 16, 25, 701])
    }

    @Test func preparedQueryIsPreparedOnceAndTakesParameters() throws {
        let connection = try TestDatabase.connect()
        let sql = "SELECT $1::int * 2 AS doubled, $2::text AS missing"
        let nothing: String? = nil
        for value in [21, 50] {
            let row = try #require(try connection.preparedQuery(sql, [value, nothing]).rows.first)
            #expect(try row.decode("doubled", as: Int.self) == value * 2)
            #expect(try row.decode("missing", as: String?.self) == nil)
        }
        let prepared = try connection.query("SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1", [sql])
        #expect(try prepared.rows[0].decode("n", as: Int.self) == 1)
        #expect(throws: PostgresError.self) { try connection.preparedQuery("SELECT * FROM no_such_table_anywhere") }
        // A failed preparation is not remembered: the connection still works.
        #expect(try connection.preparedQuery("SELECT 1 AS one").rows[0].decode("one", as: Int.self) == 1)
    }

    @Test func preparedQueriesRunTogetherAndAnswerInOrder() throws {
        let connection = try TestDatabase.connect()
        let nothing: String? = nil
        let results = try connection.preparedQueries([
            ("SELECT $1::int + 1 AS n", [41]),
            ("SELECT $1::text AS s, $2::text AS missing", ["semi;colon 'quoted'", nothing]),
            ("SELECT 1 AS none WHERE false", []),
        ])
        #expect(results.count == 3)
        #expect(try results[0].rows[0].decode("n", as: Int.self) == 42)
        #expect(try results[1].rows[0].decode("s", as: String.self) == "semi;colon 'quoted'")
        #expect(try results[1].rows[0].decode("missing", as: String?.self) == nil)
        #expect(results[2].rows.isEmpty)
        // Prepared once, by the first call: the same texts again prepare nothing new.
        let again = try connection.preparedQueries([("SELECT $1::int + 1 AS n", [1])])
        #expect(try again[0].rows[0].decode("n", as: Int.self) == 2)
        let prepared = try connection.query("SELECT count(*)::int AS n FROM pg_prepared_statements").rows[0]
        #expect(try prepared.decode("n", as: Int.self) == 3)
        // An error in the middle is thrown; the connection still works after it.
        #expect(throws: PostgresError.self) {
            try connection.preparedQueries([("SELECT 1 AS one", []), ("SELECT 1 / $1::int AS boom", [0]), ("SELECT 2 AS two", [])])
        }
        #expect(try connection.preparedQuery("SELECT 1 AS one").rows[0].decode("one", as: Int.self) == 1)
    }

    @Test func simpleProtocolRunsSeveralStatements() throws {
        let connection = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("multi")
        defer { _ = try? connection.execute("DROP TABLE IF EXISTS \(table)") }
        let result = try connection.execute("CREATE TABLE \(table) (id int); INSERT INTO \(table) VALUES (1), (2); SELECT count(*) AS n FROM \(table)")
        #expect(try result.rows[0].decode("n", as: Int.self) == 2)
    }

    @Test func serverErrorsCarryAllFields() throws {
        let connection = try TestDatabase.connect()
        do {
            try connection.query("SELECT no_such_column FROM pg_class")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .server)
            #expect(error.sqlState == SQLState(rawValue: "42703"))
            #expect(error.severity == "ERROR")
            #expect(error.message == "column \"no_such_column\" does not exist")
            #expect(error.position == 8)
            #expect(!error.isConnectionError)
        }
        do {
            try connection.execute("DO $$ BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'row 7', HINT = 'try again'; END $$")
            Issue.record("expected an error")
        } catch {
            #expect(error.detail == "row 7")
            #expect(error.hint == "try again")
            #expect(error.description == "ERROR P0001: boom (hint: try again)", "DETAIL can quote data, so description leaves it out")
        }
    }

    @Test func abortedTransactionReports25P02() throws {
        let connection = try TestDatabase.connect()
        try connection.execute("BEGIN")
        #expect(throws: PostgresError.self) { try connection.execute("SELECT 1/0") }
        do {
            try connection.execute("SELECT 1")
            Issue.record("expected 25P02")
        } catch {
            #expect(error.sqlState == .inFailedSQLTransaction)
        }
        try connection.execute("ROLLBACK")
    }

    @Test func lockTimeoutAndNowaitReport55P03() throws {
        let holder = try TestDatabase.connect()
        let waiter = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("locked")
        try holder.execute("CREATE TABLE \(table) (id int)")
        defer { _ = try? holder.execute("ROLLBACK; DROP TABLE IF EXISTS \(table)") }
        try holder.execute("BEGIN; LOCK TABLE \(table) IN ACCESS SHARE MODE")
        try waiter.execute("BEGIN")
        do {
            try waiter.execute("LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE NOWAIT")
            Issue.record("expected NOWAIT to fail")
        } catch {
            #expect(error.sqlState == .lockNotAvailable)
        }
        try waiter.execute("ROLLBACK; BEGIN; SET LOCAL lock_timeout = '50ms'")
        do {
            try waiter.execute("ALTER TABLE \(table) ADD COLUMN c int")
            Issue.record("expected lock_timeout to fire")
        } catch {
            #expect(error.sqlState == .lockNotAvailable)
            #expect(error.message == "canceling statement due to lock timeout")
        }
        try waiter.execute("ROLLBACK")
    }

    @Test func earlyDeadlockReports40P01() throws {
        let main = try TestDatabase.connect()
        let observer = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("deadlock")
        try main.execute("CREATE TABLE \(table) (id int)")
        defer { _ = try? main.execute("ROLLBACK; DROP TABLE IF EXISTS \(table)") }
        try main.execute("BEGIN; LOCK TABLE \(table) IN ACCESS SHARE MODE")
        // The other session also holds AccessShare, then queues for AccessExclusive behind us.
        let other = try SessionWorker(url: TestDatabase.url())
        try other.run("BEGIN; LOCK TABLE \(table) IN ACCESS SHARE MODE")
        other.send("LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
        try waitUntilBlocked(pid: other.pid, on: observer)
        // Each waits for the other's AccessShare: PostgreSQL reports it at once, without deadlock_timeout.
        do {
            try main.execute("LOCK TABLE \(table) IN ACCESS EXCLUSIVE MODE")
            Issue.record("expected a deadlock")
        } catch {
            #expect(error.sqlState == .deadlockDetected)
        }
        try main.execute("ROLLBACK")
        // Our rollback released AccessShare, so the other session gets its lock.
        #expect(throws: Never.self) { try other.result(within: 30).get() }
        try other.run("ROLLBACK")
    }

    @Test func cancelFromAnotherThreadReports57014() throws {
        let observer = try TestDatabase.connect()
        let sleeper = try SessionWorker(url: TestDatabase.url())
        sleeper.send("SELECT pg_sleep(60)")
        let pid = sleeper.pid
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let active = try observer.query("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'", [pid]).rows[0].decode("n", as: Int.self)
            if active == 1 { break }
            usleep(5_000)
        }
        let started = Date()
        try sleeper.canceller.cancel()
        let result = try sleeper.result(within: 10)
        #expect(Date().timeIntervalSince(started) < 5)
        guard case .failure(let error) = result else {
            Issue.record("pg_sleep(60) was not cancelled")
            return
        }
        #expect(error.sqlState == .queryCanceled)
    }

    @Test func insufficientPrivilegeReports42501() throws {
        let admin = try TestDatabase.connect()
        let role = TestDatabase.uniqueName("nopriv")
        let table = TestDatabase.uniqueName("private")
        try admin.execute("CREATE ROLE \(role) LOGIN; CREATE TABLE \(table) (id int)")
        defer { _ = try? admin.execute("DROP TABLE IF EXISTS \(table); DROP ROLE IF EXISTS \(role)") }
        var components = try #require(URLComponents(string: try TestDatabase.url()))
        components.user = role
        let limited = try Connection(ConnectionString(try #require(components.string)))
        do {
            try limited.execute("SELECT * FROM \(table)")
            Issue.record("expected permission denied")
        } catch {
            #expect(error.sqlState == .insufficientPrivilege)
        }
    }

    @Test func unreachableServerIsAConnectionError() throws {
        let port = try #require(URLComponents(string: try TestDatabase.url())?.port)
        do {
            _ = try Connection(ConnectionString("postgresql://postgres@127.0.0.1:\(port == 1 ? 2 : 1)/postgres?connect_timeout=5"))
            Issue.record("expected a connection error")
        } catch {
            #expect(error.kind == .connection)
            #expect(error.isConnectionError)
            #expect(error.message.contains("Connection refused"))
        }
    }

    @Test func terminatedBackendIsAConnectionError() throws {
        let admin = try TestDatabase.connect()
        let victim = try TestDatabase.connect()
        try admin.query("SELECT pg_terminate_backend($1)", [victim.backendPID])
        do {
            try victim.execute("SELECT 1")
            Issue.record("expected the connection to be gone")
        } catch {
            #expect(error.isConnectionError)
        }
    }
}
