import Foundation
import OnlineDDL

/// One application statement: when it was sent, how long it took, and its error if it failed.
struct StatementSample: Sendable {
    let start: ContinuousClock.Instant
    let latency: Duration
    let error: String?
}

/// Application traffic: `count` connections, each on its own thread, inserting one row
/// at a time into `table` in a loop (with `pause` between a connection's statements) and
/// timing every statement, until `stop()`.
final class WriterPool: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false
    private var samples: [StatementSample] = []
    private var connectErrors: [String] = []
    private let ready: DispatchGroup
    private let finished = DispatchGroup()

    /// Starts the writers and returns once every one is connected.
    init(databaseURL: String, table: String, count: Int, pause: Duration) throws(BenchmarkError) {
        ready = DispatchGroup()
        for writer in 0..<count {
            ready.enter()
            finished.enter()
            Thread { [self] in
                write(databaseURL: databaseURL, table: table, writer: writer, pause: pause)
                finished.leave()
            }.start()
        }
        ready.wait()
        if let error = lock.withLock({ connectErrors.first }) {
            _ = stop()
            throw BenchmarkError("writer could not connect: \(error)")
        }
    }

    /// Stops the writers and returns every statement they ran.
    func stop() -> [StatementSample] {
        lock.withLock { stopping = true }
        finished.wait()
        return lock.withLock { samples }
    }

    private var isStopping: Bool { lock.withLock { stopping } }

    private func write(databaseURL: String, table: String, writer: Int, pause: Duration) {
        let connection: Connection
        do {
            connection = try Connection(ConnectionString(databaseURL))
            try connection.execute("SET application_name = 'stall-writer'")
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
                try connection.query("INSERT INTO \(table) (writer) VALUES ($1)", [writer])
            } catch {
                failure = error.description
            }
            mine.append(StatementSample(start: start, latency: clock.now - start, error: failure))
            if pause > .zero { Thread.sleep(forTimeInterval: pause.seconds) }
        }
        lock.withLock { samples += mine }
    }
}
