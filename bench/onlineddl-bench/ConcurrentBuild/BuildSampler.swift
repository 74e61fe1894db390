import Foundation
import OnlineDDL

/// Watches one table's index builds from a connection of its own, every 10 ms until
/// `stop()`: `pg_stat_progress_create_index` for the builds and their phases, `pg_locks` for
/// the SHARE UPDATE EXCLUSIVE lock a client session holds on the table (which keeps
/// VACUUM, ANALYZE and other DDL of the table waiting while it is held).
final class BuildSampler: @unchecked Sendable {
    /// What the samples add up to.
    struct Summary {
        /// Distinct indexes seen being built (phase "building index…"): each is a whole
        /// table scan and sort, whether it is kept or thrown away.
        let builds: Int
        /// Time seen in the phases that do work ("building index…", "index validation…").
        let buildTime: Duration
        /// Time seen with a build waiting for other transactions ("waiting for…").
        let waitTime: Duration
        /// Time a client session held SHARE UPDATE EXCLUSIVE on the table.
        let lockHeld: Duration
    }

    static let interval: Duration = .milliseconds(10)

    private let lock = NSLock()
    private var stopping = false
    private var failure: String?
    private var indexes: Set<Int> = []
    private var buildTime: Duration = .zero
    private var waitTime: Duration = .zero
    private var lockHeld: Duration = .zero
    private let finished = DispatchSemaphore(value: 0)

    /// Starts watching `table` (a qualified name) on `databaseURL`; returns once connected.
    init(databaseURL: String, table: String) throws(BenchmarkError) {
        let connected = DispatchSemaphore(value: 0)
        Thread { [self] in
            defer { finished.signal() }
            let connection: Connection
            do {
                connection = try Connection(ConnectionString(databaseURL))
            } catch {
                lock.withLock { failure = String(describing: error) }
                connected.signal()
                return
            }
            connected.signal()
            sample(table, on: connection)
        }.start()
        connected.wait()
        if let failure = lock.withLock({ failure }) { throw BenchmarkError("the build sampler could not connect: \(failure)") }
    }

    /// Stops sampling and returns the totals.
    func stop() throws(BenchmarkError) -> Summary {
        lock.withLock { stopping = true }
        finished.wait()
        lock.lock()
        let summary = Summary(builds: indexes.count, buildTime: buildTime, waitTime: waitTime, lockHeld: lockHeld)
        let failure = self.failure
        lock.unlock()
        if let failure { throw BenchmarkError("the build sampler failed: \(failure)") }
        return summary
    }

    private func sample(_ table: String, on connection: Connection) {
        let clock = ContinuousClock()
        var previous = clock.now
        while !lock.withLock({ stopping }) {
            do {
                let row = try connection.preparedQuery("""
                    SELECT p.index_relid::int8 AS index, p.phase,
                           EXISTS (SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                                    WHERE l.locktype = 'relation' AND l.relation = $1::regclass AND l.granted
                                      AND l.mode = 'ShareUpdateExclusiveLock' AND a.backend_type = 'client backend') AS held
                      FROM (SELECT 1) one LEFT JOIN pg_stat_progress_create_index p ON p.relid = $1::regclass
                    """, [table]).rows[0]
                let index: Int? = try row.decode("index")
                let phase: String? = try row.decode("phase")
                let held: Bool = try row.decode("held")
                let now = clock.now
                let elapsed = now - previous
                previous = now
                lock.withLock {
                    if held { lockHeld += elapsed }
                    guard let phase else { return }
                    if phase.hasPrefix("building index"), let index, index != 0 { indexes.insert(index) }
                    if phase.hasPrefix("building index") || phase.hasPrefix("index validation") { buildTime += elapsed }
                    if phase.hasPrefix("waiting") { waitTime += elapsed }
                }
            } catch {
                lock.withLock { failure = error.description }
                return
            }
            Thread.sleep(forTimeInterval: Self.interval.seconds)
        }
    }
}
