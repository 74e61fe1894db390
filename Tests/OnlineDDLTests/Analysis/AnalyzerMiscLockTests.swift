import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of triggers, policies, comments, grants, sequences, LOCK, sessions")
struct AnalyzerMiscLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()", ["t SRE", "?descendants(t) SRE"], .inTransaction, .none),
        LockCase(15, "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH STATEMENT EXECUTE FUNCTION f()", ["t SRE"], .inTransaction, .none),
        LockCase(15, "CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t FROM other FOR EACH ROW EXECUTE FUNCTION f()", ["t SRE", "other AS", "?descendants(t) SRE"], .inTransaction, .none),
        LockCase(15, "CREATE POLICY p ON t USING (owner = current_user)", ["t AE"], .inTransaction, .none),
        LockCase(15, "ALTER POLICY p ON t USING (true)", ["t AE"], .inTransaction, .none),
        LockCase(15, "CREATE RULE r AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (1)", ["t AE", "log RE"], .inTransaction, .none),
        LockCase(15, "COMMENT ON TABLE t IS 'x'", ["t SUE"], .inTransaction, .none),
        LockCase(15, "COMMENT ON COLUMN s.t.c IS 'x'", ["s.t SUE"], .inTransaction, .none),
        LockCase(15, "COMMENT ON CONSTRAINT c ON t IS 'x'", ["t AS"], .inTransaction, .none),
        LockCase(15, "COMMENT ON INDEX i IS 'x'", ["i SUE"], .inTransaction, .none),
        LockCase(15, "COMMENT ON FUNCTION f() IS 'x'", [], .inTransaction, .none),
        LockCase(15, "GRANT SELECT ON t, s.u TO bob", [], .inTransaction, .none),
        LockCase(18, "GRANT SELECT ON t, s.u TO bob", ["t AS", "s.u AS"], .inTransaction, .none),
        LockCase(18, "REVOKE ALL ON ALL TABLES IN SCHEMA s FROM bob", [], .inTransaction, .none),
        LockCase(15, "GRANT USAGE ON SCHEMA s TO bob", [], .inTransaction, .none),
        LockCase(15, "CREATE STATISTICS st (ndistinct) ON a, b FROM t", ["t SUE"], .inTransaction, .none),
        LockCase(15, "CREATE SEQUENCE s", [], .inTransaction, .none),
        LockCase(15, "CREATE SEQUENCE s OWNED BY t.id", ["t AS"], .inTransaction, .none),
        LockCase(15, "ALTER SEQUENCE s RESTART WITH 100", ["s SRE", "s RE"], .inTransaction, .none),
        LockCase(15, "ALTER SEQUENCE s OWNED BY t.id", ["s SRE", "s RE", "t AS"], .inTransaction, .none),
        LockCase(15, "ALTER SEQUENCE s OWNER TO bob", ["s AE"], .inTransaction, .none),
        LockCase(15, "LOCK TABLE t", ["t AE", "?view-base(t) AE", "?descendants(t) AE"], .inTransaction, .none),
        LockCase(15, "LOCK TABLE a, ONLY b IN SHARE ROW EXCLUSIVE MODE NOWAIT", ["a SRE nowait", "?view-base(a) SRE", "?descendants(a) SRE", "b SRE nowait", "?view-base(b) SRE"], .inTransaction, .none),
        LockCase(15, "LOCK TABLE t IN ACCESS SHARE MODE", ["t AS", "?view-base(t) AS", "?descendants(t) AS"], .inTransaction, .none),
        LockCase(15, "BEGIN", [], .inTransaction, .none),
        LockCase(15, "COMMIT", [], .inTransaction, .none),
        LockCase(15, "ROLLBACK", [], .inTransaction, .none),
        LockCase(15, "SAVEPOINT sp", [], .inTransaction, .none),
        LockCase(15, "ROLLBACK TO SAVEPOINT sp", [], .inTransaction, .none),
        LockCase(15, "COMMIT PREPARED 'x'", [], .outsideTransaction, .none),
        LockCase(15, "SET lock_timeout = '2s'", [], .inTransaction, .none),
        LockCase(15, "SET LOCAL statement_timeout = 0", [], .inTransaction, .none),
        LockCase(15, "RESET ALL", [], .inTransaction, .none),
        LockCase(15, "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", [], .inTransaction, .none),
        LockCase(15, "CREATE TYPE mood AS ENUM ('a', 'b')", [], .inTransaction, .none),
        LockCase(15, "CREATE EXTENSION IF NOT EXISTS pgcrypto", [], .inTransaction, .none),
        LockCase(15, "CREATE SCHEMA s", [], .inTransaction, .none),
        LockCase(15, "CREATE DOMAIN posint AS int CHECK (VALUE > 0)", [], .inTransaction, .none),
        LockCase(15, "ALTER TYPE mood ADD VALUE 'c'", [], .inTransaction, .none),
        LockCase(11, "ALTER TYPE mood ADD VALUE 'c'", [], .outsideTransaction, .none),
        LockCase(15, "CREATE DATABASE d", [], .outsideTransaction, .none),
        LockCase(15, "ALTER SYSTEM SET work_mem = '64MB'", [], .outsideTransaction, .none),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
