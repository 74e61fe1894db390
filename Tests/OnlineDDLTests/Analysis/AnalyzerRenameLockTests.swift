import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of renames")
struct AnalyzerRenameLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "ALTER INDEX i RENAME TO j", ["i SUE"], .inTransaction, .none),
        LockCase(11, "ALTER INDEX i RENAME TO j", ["i AE"], .inTransaction, .none),
        LockCase(15, "ALTER TABLE i RENAME TO j", ["i AE"], .inTransaction, .none),
        LockCase(15, "ALTER TABLE t RENAME TO u", ["t AE"], .inTransaction, .none),
        LockCase(15, "ALTER TABLE t RENAME COLUMN a TO b", ["t AE", "?descendants(t) AE"], .inTransaction, .none),
        LockCase(15, "ALTER TABLE ONLY t RENAME COLUMN a TO b", ["t AE"], .inTransaction, .none),
        LockCase(15, "ALTER TABLE t RENAME CONSTRAINT c TO d", ["t AE", "?descendants(t) AE"], .inTransaction, .none),
        LockCase(15, "ALTER VIEW v RENAME TO w", ["v AE"], .inTransaction, .none),
        LockCase(15, "ALTER SEQUENCE s RENAME TO s2", ["s AE"], .inTransaction, .none),
        LockCase(15, "ALTER TRIGGER tr ON t RENAME TO tr2", ["t AE", "?descendants(t) AE"], .inTransaction, .none),
        LockCase(14, "ALTER TRIGGER tr ON t RENAME TO tr2", ["t AE"], .inTransaction, .none),
        LockCase(15, "ALTER TABLE t SET SCHEMA archive", ["t AE", "?owned-sequences(t) AE"], .inTransaction, .none),
        LockCase(15, "ALTER FUNCTION f() RENAME TO g", [], .inTransaction, .none),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
