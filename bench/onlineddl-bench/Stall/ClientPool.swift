import Foundation
import OnlineDDL

/// One application statement: when it was sent, how long it took, and its error if it failed.
struct StatementSample: Sendable {
    let start: ContinuousClock.Instant
    let latency: Duration
    let error: String?
}

/// Application traffic: `count` connections, each on its own thread, running one statement
/// in a loop (with `pause` between a connection's statements) and timing every statement,
/// until `stop()`: writers inserting one row at a time into a table on the primary, or
/// readers counting its rows on a standby.
final class ClientPool: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false
    private var samples: [StatementSample] = []
    private var connectErrors: [String] = []
    private let ready: DispatchGroup
    private let finished = DispatchGroup()

    /// What one client runs, given its number: the SQL and its parameters.
    typealias Statement = @Sendable (Int) -> (sql: String, parameters: [any PostgresEncodable])

    /// Writers: `INSERT INTO table (writer) VALUES (n)`, as application `stall-writer`.
    static func writers(databaseURL: String, table: String, count: Int, pause: Duration) throws(BenchmarkError) -> ClientPool {
        try ClientPool(databaseURL: databaseURL, name: "stall-writer", count: count, pause: pause) { writer in
            ("INSERT INTO \(table) (writer) VALUES ($1)", [writer])
        }
    }

    /// Readers: `SELECT count(*) FROM table`, as application `stall-reader`.
    static func readers(databaseURL: String, table: String, count: Int, pause: Duration) throws(BenchmarkError) -> ClientPool {
        try ClientPool(databaseURL: databaseURL, name: "stall-reader", count: count, pause: pause) { _ in
            ("SELECT count(*) FROM \(table)", [])
        }
    }

    /// Starts the clients, each named `name` in pg_stat_activity, and returns once every
    /// one is connected.
    init(databaseURL: String, name: String, count: Int, pause: Duration, statement: @escaping Statement) throws(BenchmarkError) {
        ready = DispatchGroup()
        for client in 0..<count {
            ready.enter()
            finished.enter()
            Thread { [self] in
                run(databaseURL: databaseURL, name: name, statement: statement(client), pause: pause)
                finished.leave()
            }.start()
        }
        ready.wait()
        if let error = lock.withLock({ connectErrors.first }) {
            _ = stop()
            throw BenchmarkError("\(name) could not connect: \(error)")
        }
    }

    /// Stops the clients and returns every statement they ran.
    func stop() -> [StatementSample] {
        lock.withLock { stopping = true }
        finished.wait()
        return lock.withLock { samples }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func run(databaseURL: String, name: String, statement: (sql: String, parameters: [any PostgresEncodable]), pause: Duration) {
        let connection: Connection
        do {
            connection = try Connection(ConnectionString(databaseURL))
            try connection.execute("SET application_name = '\(name)'")
        } catch {
            lock.withLock { connectErrors.append(error.description) }
            ready.leave()
            return
        }
        ready.leave()
        let clock = ContinuousClock()
        var mine: [StatementSample] = []
        while !isStopping {
            let start = clock.now
            var failure: String?
            do {
                try connection.query(statement.sql, statement.parameters)
            } catch {
                failure = error.description
            }
            mine.append(StatementSample(start: start, latency: clock.now - start, error: failure))
            if pause > .zero { Thread.sleep(forTimeInterval: pause.seconds) }
        }
        lock.withLock { samples += mine }
    }
}
