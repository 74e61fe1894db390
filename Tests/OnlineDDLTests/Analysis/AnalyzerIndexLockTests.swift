import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of indexes")
struct AnalyzerIndexLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "CREATE INDEX i ON t (a)", ["t S", "?partitions(t) S"], .inTransaction, .scan),
        LockCase(15, "CREATE UNIQUE INDEX i ON t (a)", ["t S", "?partitions(t) S"], .inTransaction, .scan),
        LockCase(15, "CREATE INDEX i ON ONLY p (a)", ["p S"], .inTransaction, .scan),
        LockCase(15, "CREATE INDEX CONCURRENTLY i ON t (a)", ["t SUE session"], .outsideTransaction, .scan),
        LockCase(15, "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t USING btree (lower(email)) WHERE deleted_at IS NULL", ["s.t SUE session"], .outsideTransaction, .scan),
        LockCase(15, "DROP INDEX i", ["?table-of(i) AE", "i AE"], .inTransaction, .none),
        LockCase(15, "DROP INDEX s.i, s.j", ["?table-of(s.i) AE", "s.i AE", "?table-of(s.j) AE", "s.j AE"], .inTransaction, .none),
        LockCase(15, "DROP INDEX CONCURRENTLY i", ["?table-of(i) SUE session", "i SUE session", "i AE #3"], .outsideTransaction, .none),
        LockCase(15, "DROP INDEX CONCURRENTLY IF EXISTS s.i", ["?table-of(s.i) SUE session", "s.i SUE session", "s.i AE #3"], .outsideTransaction, .none),
        LockCase(15, "REINDEX INDEX i", ["?table-of(i) S", "i AE"], .inTransaction, .scan),
        LockCase(15, "REINDEX TABLE t", ["t S", "?indexes(t) AE"], .inTransaction, .scan),
        LockCase(15, "REINDEX INDEX CONCURRENTLY i", ["?table-of(i) SUE session", "i SUE session"], .outsideTransaction, .scan),
        LockCase(15, "REINDEX TABLE CONCURRENTLY t", ["t SUE session", "?indexes(t) SUE session"], .outsideTransaction, .scan),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
