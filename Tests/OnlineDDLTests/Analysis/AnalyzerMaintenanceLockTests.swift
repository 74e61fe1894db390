import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of VACUUM, ANALYZE, CLUSTER")
struct AnalyzerMaintenanceLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "VACUUM t", ["t AS released", "t SUE #2", "?indexes(t) RE #2", "?partitions(t) SUE #3"], .outsideTransaction, .scan),
        LockCase(15, "VACUUM FULL t", ["t AS released", "t AE #2", "t S #2", "?indexes(t) AE #2", "?partitions(t) AE #3"], .outsideTransaction, .rewrite),
        LockCase(15, "VACUUM (ANALYZE) t, u", ["t AS released", "u AS released", "t SUE #2", "?indexes(t) RE #2", "t SUE #3", "?partitions(t) SUE #4", "u SUE #5", "?indexes(u) RE #5", "u SUE #6", "?partitions(u) SUE #7"], .outsideTransaction, .scan),
        LockCase(15, "ANALYZE t", ["t AS released", "t SUE", "?indexes-of-each(storage(t)) AS", "?partitions(t) SUE", "?indexes-of-each(leaf-partitions(t)) AS", "?leaf-descendants(t) AS"], .inTransaction, .none),
        LockCase(15, "CLUSTER t USING t_idx", ["t AE", "t_idx AE", "?indexes(t) AS", "t S", "?indexes(t) AE"], .inTransaction, .rewrite),
        LockCase(15, "CLUSTER t", ["t AE", "t S", "?indexes(t) AE"], .inTransaction, .rewrite),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
