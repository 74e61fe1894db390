import Foundation
import OnlineDDL
import Testing

/// A database session with its own serial queue, so a test can leave it blocked on a
/// lock (or in a long statement) while the test goes on with other sessions.
///
/// The connection is created and used only on the worker's queue; the test thread sees
/// its pid, a canceller, and the outcome of each statement it sends.
final class SessionWorker: @unchecked Sendable {
    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "\(what) did not finish in time" }
    }

    let pid: Int32
    let canceller: QueryCanceller
    private let queue: DispatchQueue
    /// Touched only on `queue`. Every queued closure holds the worker, so the connection
    /// is closed (by deinit) only when nothing can use it any more.
    private var connection: Connection?
    private let state = NSLock()
    private var pending = 0
    private var outcome: Result<QueryResult, PostgresError>?
    private let completed = NSCondition()

    init(url: String, label: String = "session") throws {
        let queue = DispatchQueue(label: "onlineddl.test.\(label)")
        var opened: Result<Connection, PostgresError>!
        queue.sync { opened = Result { () throws(PostgresError) in try Connection(ConnectionString(url)) } }
        let connection = try opened.get()
        self.queue = queue
        self.connection = connection
        self.pid = connection.backendPID
        self.canceller = try connection.makeCanceller()
    }

    /// Sends SQL without waiting for it to finish.
    func send(_ sql: String) {
        completed.withLock { pending += 1; outcome = nil }
        queue.async { [self] in
            let result = Result { () throws(PostgresError) in try connection!.execute(sql) }
            completed.withLock {
                pending -= 1
                outcome = result
                completed.broadcast()
            }
        }
    }

    /// Runs SQL and waits for its result.
    @discardableResult
    func run(_ sql: String, within seconds: Double = 30) throws -> QueryResult {
        send(sql)
        return try result(within: seconds).get()
    }

    /// Whether a statement sent earlier is still running (or waiting for a lock).
    var isBusy: Bool { completed.withLock { pending > 0 } }

    /// The outcome of the last statement sent, waiting up to `seconds` for it to finish.
    func result(within seconds: Double) throws -> Result<QueryResult, PostgresError> {
        let deadline = Date().addingTimeInterval(seconds)
        return try completed.withLock {
            while pending > 0 {
                guard completed.wait(until: deadline) else { throw TimedOut(what: "statement on pid \(pid)") }
            }
            return outcome!
        }
    }
}

/// Polls until `pid` has an ungranted lock.
func waitUntilBlocked(pid: Int32, on observer: Connection, seconds: Double = 30) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        let blocked = try observer.query(
            "SELECT count(*) AS n FROM pg_locks WHERE pid = $1 AND NOT granted", [pid]
        ).rows[0].decode("n", as: Int.self)
        if blocked > 0 { return }
        usleep(2_000)
    }
    throw SessionWorker.TimedOut(what: "waiting for pid \(pid) to block")
}
