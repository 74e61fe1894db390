import Foundation
import OnlineDDL
import Testing

/// A database session on its own thread, so a test can leave it blocked on a lock
/// (or in a long statement) while the test goes on with other sessions.
///
/// The session connects, runs `setup`, publishes its backend pid and a canceller, runs
/// `statement` (which may block), records how it ended, and then runs `cleanup`.
final class BackgroundSession: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var published: (pid: Int32, canceller: QueryCanceller)?
    private var startupError: PostgresError?
    private var outcome: Result<QueryResult, PostgresError>?

    init(url: String, setup: [String] = [], statement: String, cleanup: [String] = ["ROLLBACK"]) {
        let thread = Thread { [self] in
            run(url: url, setup: setup, statement: statement, cleanup: cleanup)
        }
        thread.start()
    }

    private func run(url: String, setup: [String], statement: String, cleanup: [String]) {
        let connection: Connection
        do {
            connection = try Connection(ConnectionString(url))
            for sql in setup { try connection.execute(sql) }
            let canceller = try connection.makeCanceller()
            lock.withLock { published = (connection.backendPID, canceller) }
        } catch {
            lock.withLock { startupError = error }
            ready.signal()
            finished.signal()
            return
        }
        ready.signal()
        let result = Result { () throws(PostgresError) in try connection.execute(statement) }
        lock.withLock { outcome = result }
        for sql in cleanup { _ = try? connection.execute(sql) }
        finished.signal()
    }

    /// The backend pid, once the setup has run.
    func pid() throws -> Int32 {
        try started().pid
    }

    func canceller() throws -> QueryCanceller {
        try started().canceller
    }

    private func started() throws -> (pid: Int32, canceller: QueryCanceller) {
        guard ready.wait(timeout: .now() + 30) == .success else { throw TimedOut(what: "session start") }
        ready.signal()
        return try lock.withLock {
            if let startupError { throw startupError }
            return published!
        }
    }

    /// How `statement` ended, waiting up to `seconds` for it.
    func result(within seconds: Double) throws -> Result<QueryResult, PostgresError> {
        guard finished.wait(timeout: .now() + seconds) == .success else { throw TimedOut(what: "statement") }
        finished.signal()
        return try lock.withLock {
            if let startupError { throw startupError }
            return outcome!
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "\(what) did not finish in time" }
    }
}

/// Polls until `pid` has an ungranted lock or is running the given wait event.
func waitUntilBlocked(pid: Int32, on observer: Connection, seconds: Double = 30) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        let blocked = try observer.query(
            "SELECT count(*) AS n FROM pg_locks WHERE pid = $1 AND NOT granted", [pid]
        ).rows[0].decode("n", as: Int.self)
        if blocked > 0 { return }
        usleep(5_000)
    }
    throw BackgroundSession.TimedOut(what: "waiting for pid \(pid) to block")
}
