import Foundation
import OnlineDDL
import Testing

/// Compares the analyzer's catalog-aware locks with what PostgreSQL really takes, statement
/// by statement, on the server `scripts/test` started (run it for 15 and 18).
///
/// Each transactional statement runs in a transaction that is rolled back; right before the
/// `ROLLBACK` the test reads the backend's own `pg_locks` rows. Statements that cannot run in
/// a transaction block are sampled while they wait (see ``GroundTruthSampledStatement``).
/// Both sides are compared as sets of (relation, mode), see ``GroundTruthLocks``. Every
/// statement must match exactly unless ``GroundTruthExceptions`` lists it with its reason.
@Suite("GroundTruth: catalog-aware analyzer locks against pg_locks", .serialized)
struct GroundTruthLockTests {
    @Test func transactionalStatementsMatchPgLocks() throws {
        let connection = try GroundTruthFixture.connect()
        let version = try Self.checkedVersion(of: connection)
        let catalog = try CatalogSnapshot.read(from: connection)
        let resolver = CatalogResolver(catalog: catalog)
        let analyzer = StatementAnalyzer(postgresMajorVersion: version)
        var tally = GroundTruthTally(version: version)
        let statements = GroundTruthStatements.transactional(on: version)
        for sql in statements {
            let analysis = analyzer.analyze(try Self.parse(sql))
            guard analysis.isClassified, analysis.transactional else {
                tally.fail(sql, "the analyzer says \(analysis.classification), transactional \(analysis.transactional)")
                continue
            }
            let predicted = GroundTruthLocks(resolved: resolver.resolve(analysis).locks)
            try connection.execute("BEGIN")
            do {
                try connection.execute(sql)
            } catch {
                try connection.execute("ROLLBACK")
                tally.fail(sql, "the server rejected it: \(error)")
                continue
            }
            let server = try GroundTruthLocks.read(pid: connection.backendPID, on: connection, catalog: catalog)
            try connection.execute("ROLLBACK")
            tally.compare(sql, predicted: predicted, server: server)
        }
        tally.report(total: statements.count)
    }

    @Test func nonTransactionalStatementsMatchSamples() throws {
        let observer = try GroundTruthFixture.connect()
        let version = try Self.checkedVersion(of: observer)
        let catalog = try CatalogSnapshot.read(from: observer)
        let resolver = CatalogResolver(catalog: catalog)
        let analyzer = StatementAnalyzer(postgresMajorVersion: version)
        var tally = GroundTruthTally(version: version)
        for sample in GroundTruthSampledStatement.all {
            let analysis = analyzer.analyze(try Self.parse(sample.sql))
            guard analysis.isClassified, !analysis.transactional else {
                tally.fail(sample.sql, "the analyzer says \(analysis.classification), transactional \(analysis.transactional)")
                continue
            }
            let (holderLocks, server) = try Self.sample(sample, catalog: catalog)
            let locks = resolver.resolve(analysis).locks
            guard let blocked = locks.firstIndex(where: { lock in
                holderLocks.contains { $0.relation == lock.relation.id && $0.mode.conflicts(with: lock.mode) }
            }) else {
                tally.fail(sample.sql, "no predicted lock conflicts with the holder's \(sample.holder)")
                continue
            }
            let predicted = GroundTruthLocks(
                resolved: Array(locks[...blocked]), transaction: locks[blocked].transaction)
            tally.compare("\(sample.sql) [held: \(sample.holder)]", predicted: predicted, server: server)
        }
        tally.report(total: GroundTruthSampledStatement.all.count, label: "sampled non-transactional")
    }

    // MARK: Helpers

    private static func parse(_ sql: String) throws -> SQLStatement {
        let statements = try SQLScript(file: "ground-truth.sql", text: sql).statements
        try #require(statements.count == 1)
        return statements[0]
    }

    private static func checkedVersion(of connection: Connection) throws -> Int {
        let version = connection.serverVersion / 10000
        if let expected = TestDatabase.expectedMajorVersion { try #require(version == expected) }
        return version
    }

    /// Runs one sample: the holder's locks, and the statement's locks while it waits.
    private static func sample(
        _ sample: GroundTruthSampledStatement, catalog: CatalogSnapshot
    ) throws -> (holder: [(relation: RelationID, mode: LockMode)], statement: GroundTruthLocks) {
        let url = try TestDatabase.url()
        let observer = try GroundTruthFixture.connect()
        let holder = try SessionWorker(url: url, label: "holder")
        let waiter = try SessionWorker(url: url, label: "waiter")
        defer {
            if waiter.isBusy { try? waiter.canceller.cancel() }
            _ = try? waiter.result(within: 30)
            _ = try? holder.run("ROLLBACK")
        }
        try holder.run("SET search_path = gt, public; BEGIN; \(sample.holder)")
        let held = try observer.query("""
            SELECT relation::int8 AS relation, mode FROM pg_locks WHERE pid = $1 AND locktype = 'relation' AND granted
            """, [holder.pid]).rows.compactMap { row -> (relation: RelationID, mode: LockMode)? in
            guard let mode = LockMode(pgLocksName: try row.decode("mode", as: String.self)) else { return nil }
            return (RelationID(UInt32(truncatingIfNeeded: try row.decode("relation", as: Int.self))), mode)
        }
        try waiter.run("SET search_path = gt, public")
        waiter.send(sample.sql)
        try waitUntilBlocked(pid: waiter.pid, on: observer)
        let locks = try GroundTruthLocks.read(pid: waiter.pid, on: observer, catalog: catalog)
        try waiter.canceller.cancel()
        if case .success = try waiter.result(within: 30) {
            Issue.record("\(sample.sql) finished instead of being cancelled; the fixture has changed")
        }
        return (held, locks)
    }
}

/// Counts exact statements, checks mismatches against the exceptions, and reports.
struct GroundTruthTally {
    let version: Int
    private(set) var exact = 0
    private(set) var failures: [String] = []
    private(set) var excepted: [String] = []

    init(version: Int) {
        self.version = version
    }

    mutating func fail(_ sql: String, _ why: String) {
        failures.append("\(sql): \(why)")
    }

    mutating func compare(_ label: String, predicted: GroundTruthLocks, server: GroundTruthLocks) {
        let exception = GroundTruthExceptions.exception(for: label, version: version)
        if predicted == server {
            exact += 1
            if exception != nil { failures.append("\(label): listed as an exception but now exact; remove the exception") }
            return
        }
        let difference = predicted.difference(fromServer: server)
        if let exception {
            excepted.append("\(label): \(difference) (\(exception.reason))")
        } else {
            failures.append("\(label): \(difference); server [\(server)]")
        }
    }

    func report(total: Int, label: String = "") {
        print("ground truth PostgreSQL \(version)\(label.isEmpty ? "" : " \(label)"): \(exact)/\(total) statements exact")
        for line in excepted { print("  exception: \(line)") }
        for line in failures { print("  MISMATCH: \(line)") }
        #expect(failures.isEmpty, "\(failures.count) statements differ from pg_locks without an exception:\n\(failures.joined(separator: "\n"))")
    }
}
