import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of DROP and TRUNCATE")
struct AnalyzerDropLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "DROP TABLE t", ["?parent-of(t) AE", "t AE", "?descendants(t) AE", "?indexes(t) AE", "?indexes-of-each(descendants(t)) AE", "?sibling-default-partition(t) AE", "?referenced-own(t) AE", "?owned-sequences(t) AE"], .inTransaction, .none),
        LockCase(15, "DROP TABLE IF EXISTS a, s.b CASCADE", ["?parent-of(a) AE", "a AE", "?parent-of(s.b) AE", "s.b AE", "?descendants(a) AE", "?indexes(a) AE", "?indexes-of-each(descendants(a)) AE", "?sibling-default-partition(a) AE", "?referenced-own(a) AE", "?owned-sequences(a) AE", "?descendants(s.b) AE", "?indexes(s.b) AE", "?indexes-of-each(descendants(s.b)) AE", "?sibling-default-partition(s.b) AE", "?referenced-own(s.b) AE", "?owned-sequences(s.b) AE", "?dependents(a) AE", "?dependents(s.b) AE"], .inTransaction, .none),
        LockCase(15, "DROP VIEW v", ["v AE"], .inTransaction, .none),
        LockCase(15, "DROP VIEW v CASCADE", ["v AE", "?dependents(v) AE"], .inTransaction, .none),
        LockCase(15, "DROP MATERIALIZED VIEW mv", ["mv AE", "?indexes(mv) AE"], .inTransaction, .none),
        LockCase(15, "DROP SEQUENCE s", ["s AE"], .inTransaction, .none),
        LockCase(15, "DROP TRIGGER tr ON t", ["t AS", "t AE", "?descendants(t) AE"], .inTransaction, .none),
        LockCase(15, "DROP POLICY p ON t", ["t AS", "t AE"], .inTransaction, .none),
        LockCase(15, "DROP RULE r ON t", ["t AS", "t AE"], .inTransaction, .none),
        LockCase(15, "DROP STATISTICS st", ["?table-of-statistics(st) SUE"], .inTransaction, .none),
        LockCase(13, "DROP STATISTICS st", [], .inTransaction, .none),
        LockCase(15, "DROP FUNCTION f(int)", [], .inTransaction, .none),
        LockCase(15, "DROP TYPE ty CASCADE", ["?dependents(ty) AE"], .inTransaction, .none),
        LockCase(15, "DROP SCHEMA s", [], .inTransaction, .none),
        LockCase(15, "DROP EXTENSION e", ["?dependents(e) AE"], .inTransaction, .none),
        LockCase(15, "TRUNCATE t", ["t AE", "?descendants(t) AE", "?storage(t*) S", "?indexes-of-each(storage(t*)) AE"], .inTransaction, .none),
        LockCase(15, "TRUNCATE ONLY a, b", ["a AE", "b AE", "?descendants(b) AE", "?storage(a) S", "?indexes-of-each(storage(a)) AE", "?storage(b*) S", "?indexes-of-each(storage(b*)) AE"], .inTransaction, .none),
        LockCase(15, "TRUNCATE t CASCADE", ["t AE", "?descendants(t) AE", "?referencing(t) AE", "?storage(t*) S", "?indexes-of-each(storage(t*)) AE"], .inTransaction, .none),
        LockCase(15, "TRUNCATE t RESTART IDENTITY", ["t AE", "?descendants(t) AE", "?owned-sequences(t) AE", "?owned-sequences(t) RE", "?storage(t*) S", "?indexes-of-each(storage(t*)) AE"], .inTransaction, .none),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
