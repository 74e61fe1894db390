import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of queries and COPY")
struct AnalyzerQueryLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "SELECT * FROM t", ["t AS", "?descendants(t) AS", "?indexes-of-each(storage(t*)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM ONLY s.t WHERE id = 1", ["s.t AS", "?indexes-of-each(storage(s.t)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a JOIN b ON a.id = b.id", ["a AS", "b AS", "?descendants(a) AS", "?indexes-of-each(storage(a*)) AS", "?descendants(b) AS", "?indexes-of-each(storage(b*)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a, b FOR UPDATE", ["a RS", "b RS", "?descendants(a) RS", "?indexes-of-each(storage(a*)) RS", "?descendants(b) RS", "?indexes-of-each(storage(b*)) RS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a JOIN b ON true FOR UPDATE OF a", ["a RS", "b AS", "?descendants(a) RS", "?indexes-of-each(storage(a*)) RS", "?descendants(b) AS", "?indexes-of-each(storage(b*)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a AS x, b FOR SHARE OF x", ["a RS", "b AS", "?descendants(a) RS", "?indexes-of-each(storage(a*)) RS", "?descendants(b) AS", "?indexes-of-each(storage(b*)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a FOR NO KEY UPDATE SKIP LOCKED", ["a RS", "?descendants(a) RS", "?indexes-of-each(storage(a*)) RS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a FOR KEY SHARE NOWAIT", ["a RS", "?descendants(a) RS", "?indexes-of-each(storage(a*)) RS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM (SELECT * FROM a) AS s, b FOR UPDATE OF s", ["a RS", "b AS", "?descendants(a) RS", "?indexes-of-each(storage(a*)) RS", "?descendants(b) AS", "?indexes-of-each(storage(b*)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a WHERE id IN (SELECT a_id FROM b) FOR UPDATE", ["a RS", "b AS", "?descendants(a) RS", "?indexes-of-each(storage(a*)) RS", "?descendants(b) AS", "?indexes-of-each(storage(b*)) AS"], .inTransaction, .none),
        LockCase(15, "WITH c AS (SELECT * FROM x) SELECT * FROM c JOIN y ON true", ["x AS", "y AS", "?descendants(x) AS", "?indexes-of-each(storage(x*)) AS", "?descendants(y) AS", "?indexes-of-each(storage(y*)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT * FROM a UNION ALL SELECT * FROM b", ["a AS", "b AS", "?descendants(a) AS", "?indexes-of-each(storage(a*)) AS", "?descendants(b) AS", "?indexes-of-each(storage(b*)) AS"], .inTransaction, .none),
        LockCase(15, "INSERT INTO t (a) VALUES (1)", ["t RE", "?partitions(t) RE", "?default-sequences(t supplied: a) RE", "?indexes-of-each(storage(t*)) RE released", "?referenced(t a) RS", "?indexes-of-each(referenced(t a)) RS"], .inTransaction, .none),
        LockCase(15, "INSERT INTO t SELECT * FROM s", ["t RE", "s AS", "?partitions(t) RE", "?default-sequences(t supplied: 1) RE", "?indexes-of-each(storage(t*)) RE released", "?descendants(s) AS", "?indexes-of-each(storage(s*)) AS", "?referenced(t) RS", "?indexes-of-each(referenced(t)) RS"], .inTransaction, .none),
        LockCase(15, "INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET b = excluded.b", ["t RE", "?partitions(t) RE", "?default-sequences(t supplied: 1) RE", "?indexes-of-each(storage(t*)) RE", "?referenced(t) RS", "?indexes-of-each(referenced(t)) RS"], .inTransaction, .none),
        LockCase(15, "UPDATE t SET a = 1 WHERE id = 2", ["t RE", "?descendants(t) RE", "?indexes-of-each(storage(t*)) RE", "?referenced(t a) RS", "?indexes-of-each(referenced(t a)) RS", "?referencing(t a) RS", "?indexes-of-each(referencing(t a)) RS"], .inTransaction, .none),
        LockCase(15, "UPDATE ONLY t SET a = s.a FROM s WHERE t.id = s.id", ["t RE", "s AS", "?indexes-of-each(storage(t)) RE", "?descendants(s) AS", "?indexes-of-each(storage(s*)) AS", "?referenced(t a) RS", "?indexes-of-each(referenced(t a)) RS", "?referencing(t a) RS", "?indexes-of-each(referencing(t a)) RS"], .inTransaction, .none),
        LockCase(15, "DELETE FROM t WHERE id = 1", ["t RE", "?descendants(t) RE", "?indexes-of-each(storage(t*)) RE", "?referencing(t) RS", "?indexes-of-each(referencing(t)) RS"], .inTransaction, .none),
        LockCase(15, "DELETE FROM t USING s WHERE t.id = s.id", ["t RE", "s AS", "?descendants(t) RE", "?indexes-of-each(storage(t*)) RE", "?descendants(s) AS", "?indexes-of-each(storage(s*)) AS", "?referencing(t) RS", "?indexes-of-each(referencing(t)) RS"], .inTransaction, .none),
        LockCase(15, "WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved", ["a RE", "b RE", "?descendants(a) RE", "?indexes-of-each(storage(a*)) RE", "?partitions(b) RE", "?default-sequences(b supplied: 1) RE", "?indexes-of-each(storage(b*)) RE released", "?referencing(a) RS", "?indexes-of-each(referencing(a)) RS", "?referenced(b) RS", "?indexes-of-each(referenced(b)) RS"], .inTransaction, .none),
        LockCase(15, "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT VALUES (s.id, s.v)", ["t RE", "s AS", "?descendants(t) RE", "?indexes-of-each(storage(t*)) RE", "?descendants(s) AS", "?indexes-of-each(storage(s*)) AS", "?referenced(t) RS", "?indexes-of-each(referenced(t)) RS", "?referencing(t) RS", "?indexes-of-each(referencing(t)) RS"], .inTransaction, .none),
        LockCase(15, "COPY t FROM STDIN", ["t RE", "?partitions(t) RE", "?indexes-of-each(storage(t)) RE released", "?referenced(t) RS", "?indexes-of-each(referenced(t)) RS"], .inTransaction, .none),
        LockCase(15, "COPY t TO STDOUT", ["t AS"], .inTransaction, .none),
        LockCase(15, "COPY (SELECT * FROM a JOIN b ON true) TO STDOUT", ["a AS", "b AS", "?descendants(a) AS", "?indexes-of-each(storage(a*)) AS", "?descendants(b) AS", "?indexes-of-each(storage(b*)) AS"], .inTransaction, .none),
        LockCase(15, "EXPLAIN SELECT * FROM t", ["t AS", "?descendants(t) AS", "?indexes-of-each(storage(t*)) AS"], .inTransaction, .none),
        LockCase(15, "SELECT nextval('s')", ["s RE"], .inTransaction, .none),
        LockCase(15, "SELECT setval('app.\"Order_Seq\"', (SELECT max(id) FROM t))", ["t AS", "?descendants(t) AS", "?indexes-of-each(storage(t*)) AS", "app.Order_Seq RE"], .inTransaction, .none),
        LockCase(15, "SELECT pg_catalog.currval('s'::regclass), nextval('S')", ["s RE"], .inTransaction, .none),
        LockCase(15, "UPDATE t SET n = nextval('n_seq')", ["t RE", "?descendants(t) RE", "?indexes-of-each(storage(t*)) RE", "n_seq RE", "?referenced(t n) RS", "?indexes-of-each(referenced(t n)) RS", "?referencing(t n) RS", "?indexes-of-each(referencing(t n)) RS"], .inTransaction, .none),
        LockCase(15, "SELECT nextval(name) FROM seqs", ["seqs AS", "?descendants(seqs) AS", "?indexes-of-each(storage(seqs*)) AS"], .inTransaction, .none),
        LockCase(15, "EXPLAIN SELECT nextval('s')", [], .inTransaction, .none),
        LockCase(15, "EXPLAIN ANALYZE DELETE FROM t", ["t RE", "?descendants(t) RE", "?indexes-of-each(storage(t*)) RE", "?referencing(t) RS", "?indexes-of-each(referencing(t)) RS"], .inTransaction, .none),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
