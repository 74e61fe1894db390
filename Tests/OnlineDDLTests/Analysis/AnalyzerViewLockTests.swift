import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of views and materialized views")
struct AnalyzerViewLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "REFRESH MATERIALIZED VIEW mv", ["mv AE", "?view-base(mv) AS", "?indexes-of-each(view-base(mv)) AS", "mv AS", "mv E", "mv S", "?indexes(mv) AE"], .inTransaction, .rewrite),
        LockCase(15, "REFRESH MATERIALIZED VIEW CONCURRENTLY mv", ["mv E", "?view-base(mv) AS", "?indexes-of-each(view-base(mv)) AS", "mv AS", "?indexes(mv) AS", "mv RE", "?indexes(mv) RE"], .inTransaction, .scan),
        LockCase(15, "REFRESH MATERIALIZED VIEW mv WITH NO DATA", ["mv AE", "mv E", "mv S", "?indexes(mv) AE"], .inTransaction, .rewrite),
        LockCase(15, "CREATE VIEW v AS SELECT * FROM a JOIN b ON true", ["a AS", "b AS"], .inTransaction, .none),
        LockCase(15, "CREATE OR REPLACE VIEW v AS SELECT * FROM t", ["t AS", "v AE"], .inTransaction, .none),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
