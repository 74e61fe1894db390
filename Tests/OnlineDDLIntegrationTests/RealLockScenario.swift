import Foundation
import OnlineDDL
import Testing

/// One step of a multi-session lock scenario, played on a real server and in the simulator.
enum ScenarioAction: Equatable {
    case lock(session: Int, table: Int, mode: LockMode, noWait: Bool)
    case release(session: Int)
    case cancel(session: Int)
}

/// What the server's lock table looked like after one step.
struct ObservedState: Equatable {
    /// `session table mode granted`, sorted, e.g. `s1 t2 RowExclusiveLock granted`.
    var rows: [String]
    /// Session name to SQLSTATE, for requests that failed at this step.
    var errors: [String: String]
}

/// Plays scenarios on a real PostgreSQL server: one connection (and thread) per session,
/// `LOCK TABLE … IN … MODE` for lock steps, `COMMIT` for releases, and `pg_cancel_backend`'s
/// libpq equivalent for cancels. After each step it waits until every session has either
/// finished its statement or is queued in `pg_locks`, then reads `pg_locks`.
final class RealLockScenario {
    let sessions: [SessionWorker]
    let tables: [String]
    let observer: Connection
    private var tableOIDs: [Int64: Int] = [:]

    init(sessionCount: Int, tableCount: Int) throws {
        let url = try TestDatabase.url()
        observer = try Connection(ConnectionString(url))
        tables = (0..<tableCount).map { _ in TestDatabase.uniqueName("sim") }
        for (index, table) in tables.enumerated() {
            try observer.execute("CREATE TABLE \(table) (id int)")
            let oid = try observer.query("SELECT $1::regclass::oid::int8 AS oid", [table]).rows[0].decode("oid", as: Int64.self)
            tableOIDs[oid] = index
        }
        sessions = try (0..<sessionCount).map { index in
            let worker = try SessionWorker(url: url, label: "s\(index + 1)")
            // deadlock_timeout high: only the insertion rule's immediate deadlock is in play.
            try worker.run("SET deadlock_timeout = '1h'; SET lock_timeout = 0; BEGIN")
            return worker
        }
    }

    /// Ends every session's transaction, cancelling waits first.
    func reset() throws {
        for session in sessions where session.isBusy {
            try session.canceller.cancel()
            _ = try session.result(within: 30)
        }
        for session in sessions { try session.run("ROLLBACK; BEGIN") }
    }

    func dropTables() {
        for session in sessions where session.isBusy { try? session.canceller.cancel() }
        for session in sessions { _ = try? session.result(within: 30); _ = try? session.run("ROLLBACK") }
        for table in tables { _ = try? observer.execute("DROP TABLE IF EXISTS \(table)") }
    }

    /// Whether the session is queued for a lock right now.
    func isWaiting(_ session: Int) throws -> Bool {
        guard sessions[session].isBusy else { return false }
        return try observer.query("SELECT count(*) AS n FROM pg_locks WHERE pid = $1 AND NOT granted", [sessions[session].pid])
            .rows[0].decode("n", as: Int.self) > 0
    }

    func perform(_ action: ScenarioAction) throws -> ObservedState {
        var errors: [String: String] = [:]
        switch action {
        case .lock(let session, let table, let mode, let noWait):
            sessions[session].send("LOCK TABLE \(tables[table]) IN \(mode.sqlName) MODE\(noWait ? " NOWAIT" : "")")
            try settle()
            if !sessions[session].isBusy, case .failure(let error) = try sessions[session].result(within: 30) {
                errors["s\(session + 1)"] = error.sqlState?.rawValue ?? "?"
            }
        case .release(let session):
            try sessions[session].run("COMMIT; BEGIN")
            try settle()
        case .cancel(let session):
            try sessions[session].canceller.cancel()
            if case .failure(let error) = try sessions[session].result(within: 30) {
                errors["s\(session + 1)"] = error.sqlState?.rawValue ?? "?"
            }
            try settle()
        }
        return ObservedState(rows: try observeRows(), errors: errors)
    }

    /// Waits until each busy session is either done or visibly queued in pg_locks.
    private func settle() throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let busy = sessions.filter(\.isBusy).map(\.pid)
            if busy.isEmpty { return }
            let queued = try observer.query(
                "SELECT count(DISTINCT pid) AS n FROM pg_locks WHERE NOT granted AND pid = ANY($1::int[])",
                ["{\(busy.map(String.init).joined(separator: ","))}"]
            ).rows[0].decode("n", as: Int.self)
            if queued == busy.count { return }
            usleep(1_000)
        }
        throw SessionWorker.TimedOut(what: "settling the scenario")
    }

    private func observeRows() throws -> [String] {
        let names = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($0.element.pid, "s\($0.offset + 1)") })
        let result = try observer.query("""
            SELECT pid, relation::int8 AS relation, mode, granted FROM pg_locks
             WHERE locktype = 'relation' AND relation = ANY($1::oid[])
            """, ["{\(tableOIDs.keys.map(String.init).joined(separator: ","))}"])
        return try result.rows.map { row in
            let pid: Int32 = try row.decode("pid")
            let table = tableOIDs[try row.decode("relation", as: Int64.self)]!
            let granted: Bool = try row.decode("granted")
            return "\(names[pid] ?? "pid \(pid)") t\(table + 1) \(try row.decode("mode", as: String.self)) \(granted ? "granted" : "waiting")"
        }.sorted()
    }
}
