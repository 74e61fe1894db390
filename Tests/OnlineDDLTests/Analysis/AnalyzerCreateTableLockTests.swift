import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of CREATE TABLE")
struct AnalyzerCreateTableLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "CREATE TABLE n (id int PRIMARY KEY, name text)", [], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n (id int, p_id int REFERENCES p, q_id int, FOREIGN KEY (q_id) REFERENCES s.q (id))", ["p SRE", "p AS", "s.q SRE", "s.q AS"], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n (id int PRIMARY KEY, parent_id int REFERENCES n)", [], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n (LIKE src INCLUDING ALL)", ["src AS"], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n () INHERITS (a, b)", ["a SUE", "b SUE"], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n (a int) PARTITION BY RANGE (a)", [], .inTransaction, .none),
        LockCase(15, "CREATE FOREIGN TABLE f (a int REFERENCES p) SERVER srv", ["p SRE", "p AS"], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n AS SELECT * FROM t", ["t AS", "?descendants(t) AS", "?indexes-of-each(storage(t*)) AS"], .inTransaction, .none),
        LockCase(15, "CREATE MATERIALIZED VIEW mv AS SELECT * FROM t", ["t AS", "?descendants(t) AS", "?indexes-of-each(storage(t*)) AS"], .inTransaction, .none),
        LockCase(15, "CREATE MATERIALIZED VIEW mv AS SELECT * FROM t WITH NO DATA", ["t AS"], .inTransaction, .none),
        LockCase(15, "SELECT * INTO n FROM t", ["t AS", "?descendants(t) AS", "?indexes-of-each(storage(t*)) AS"], .inTransaction, .none),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
