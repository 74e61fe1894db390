import Testing
@testable import OnlineDDL

@Suite("Analysis: lock sequences of partitions")
struct AnalyzerPartitionLockTests {
    static let cases: [LockCase] = [
        LockCase(15, "ALTER TABLE p ATTACH PARTITION c FOR VALUES FROM (1) TO (10)", ["p SUE", "?default-partition(p) AE", "c AE", "?descendants(c) AE", "?fk-peers(p) SRE"], .inTransaction, .scan),
        LockCase(11, "ALTER TABLE p ATTACH PARTITION c FOR VALUES FROM (1) TO (10)", ["p AE", "?default-partition(p) AE", "c AE", "?descendants(c) AE", "?fk-peers(p) SRE"], .inTransaction, .scan),
        LockCase(15, "ALTER TABLE p DETACH PARTITION c", ["p AE", "?default-partition(p) AE", "c AE", "c AS", "?referencing(p) S", "?referenced(c) SRE", "?indexes(c) AE"], .inTransaction, .none),
        LockCase(12, "ALTER TABLE p DETACH PARTITION c", ["p AE", "?default-partition(p) AE", "c SUE", "c AS", "?referencing(p) S", "?indexes(c) AE"], .inTransaction, .none),
        LockCase(11, "ALTER TABLE p DETACH PARTITION c", ["p AE", "?default-partition(p) AE", "c SUE", "c AS", "?indexes(c) AE"], .inTransaction, .none),
        LockCase(15, "ALTER TABLE p DETACH PARTITION c CONCURRENTLY", ["p SUE", "c SUE", "?referencing(p) S", "p SUE #2", "c AE #2", "?referenced(c) SRE #2", "?indexes(c) AE #2"], .outsideTransaction, .none),
        LockCase(15, "ALTER TABLE p DETACH PARTITION c FINALIZE", ["p SUE", "c AE", "?referenced(c) SRE", "?indexes(c) AE"], .inTransaction, .none),
        LockCase(15, "ALTER INDEX parent_idx ATTACH PARTITION child_idx", ["parent_idx SUE", "?table-of(parent_idx) AS", "?table-of(child_idx) AS", "child_idx AE"], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n PARTITION OF p FOR VALUES IN (1)", ["p AE", "?default-partition(p) AE", "?fk-peers(p) SRE", "?fk-peers(p) AS", "?indexes(p) SUE"], .inTransaction, .none),
        LockCase(15, "CREATE TABLE n PARTITION OF p DEFAULT", ["p AE", "?default-partition(p) AE", "?fk-peers(p) SRE", "?fk-peers(p) AS", "?indexes(p) SUE"], .inTransaction, .none),
    ]

    @Test(arguments: cases)
    func locks(_ lockCase: LockCase) throws {
        try lockCase.verify()
    }
}
