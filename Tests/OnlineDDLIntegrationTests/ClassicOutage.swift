import OnlineDDL

/// The classic outage, live: T1 holds RowExclusive in an open transaction, T2's
/// `ALTER TABLE` waits for AccessExclusive behind it, and T3's `INSERT` waits behind T2 (a
/// soft wait), not behind T1. `end()` cancels the waiters, rolls back and drops the table.
final class ClassicOutage {
    let observer: Connection
    let table: String
    let t1: SessionWorker
    let t2: SessionWorker
    let t3: SessionWorker

    /// Sets the outage up; `holderSetup` runs in T1 before its transaction begins.
    init(holderSetup: String = "SELECT 1") throws {
        observer = try TestDatabase.connect()
        table = TestDatabase.uniqueName("outage")
        try observer.execute("CREATE TABLE \(table) (id int)")
        let url = try TestDatabase.url()
        t1 = try SessionWorker(url: url, label: "t1")
        t2 = try SessionWorker(url: url, label: "t2")
        t3 = try SessionWorker(url: url, label: "t3")
        try t1.run("\(holderSetup); BEGIN; INSERT INTO \(table) VALUES (1)")
        t2.send("ALTER TABLE \(table) ADD COLUMN note text")
        try waitUntilBlocked(pid: t2.pid, on: observer)
        t3.send("INSERT INTO \(table) VALUES (2)")
        try waitUntilBlocked(pid: t3.pid, on: observer)
    }

    func end() {
        for session in [t3, t2] where session.isBusy { try? session.canceller.cancel() }
        for session in [t1, t2, t3] {
            _ = try? session.result(within: 10)
            _ = try? session.run("ROLLBACK")
        }
        _ = try? observer.execute("DROP TABLE IF EXISTS \(table)")
    }
}
