/// A statement that cannot run in a transaction block, sampled while it waits: a holder
/// session takes `holder` in an open transaction, the statement starts on a second session
/// and blocks on a lock the holder's conflicts with, a third session reads the statement's
/// `pg_locks` rows (granted and waiting), and the statement is then cancelled so it leaves
/// nothing behind.
struct GroundTruthSampledStatement: CustomStringConvertible {
    /// The statement.
    let sql: String
    /// What the holder runs in its transaction.
    let holder: String
    /// What a sample can and cannot see for this statement.
    let visibility: String

    var description: String { sql }

    static let all: [GroundTruthSampledStatement] = [
        GroundTruthSampledStatement(
            sql: "CREATE INDEX CONCURRENTLY customers_note_idx ON customers (note)",
            holder: "LOCK TABLE customers IN SHARE UPDATE EXCLUSIVE MODE",
            visibility: """
                the session lock on the table it waits for; not the waits for older snapshots between its \
                three transactions, which are virtual-transaction locks, not relation locks
                """),
        GroundTruthSampledStatement(
            sql: "DROP INDEX CONCURRENTLY customers_name_idx",
            holder: "ALTER INDEX customers_name_idx SET (fillfactor = 80)",
            visibility: """
                the session locks on the table (granted) and the index (waiting); not the last transaction's \
                ACCESS EXCLUSIVE on the index, taken only after the index is marked dead
                """),
        GroundTruthSampledStatement(
            sql: "DROP INDEX CONCURRENTLY customers_name_idx",
            holder: "LOCK TABLE customers IN SHARE UPDATE EXCLUSIVE MODE",
            visibility: "only the table's session lock it waits for; nothing of the index yet"),
        GroundTruthSampledStatement(
            sql: "REINDEX INDEX CONCURRENTLY customers_name_idx",
            holder: "ALTER INDEX customers_name_idx SET (fillfactor = 80)",
            visibility: """
                the table's session lock (granted) and the index's (waiting); not the new index built in \
                later transactions, nor the swap and drop at the end
                """),
        GroundTruthSampledStatement(
            sql: "REINDEX TABLE CONCURRENTLY customers",
            holder: "ALTER INDEX customers_name_idx SET (fillfactor = 80)",
            visibility: """
                the table's session lock and the indexes' session locks in OID order up to the one it waits \
                for; not the new indexes of later transactions
                """),
        GroundTruthSampledStatement(
            sql: "ALTER TABLE metrics DETACH PARTITION metrics_2024 CONCURRENTLY",
            holder: "LOCK TABLE metrics_2024 IN SHARE UPDATE EXCLUSIVE MODE",
            visibility: """
                the first transaction's lock on the partitioned table (granted) and on the partition \
                (waiting); not the second transaction, which a cancel there would leave half-detached
                """),
        GroundTruthSampledStatement(
            sql: "VACUUM customers",
            holder: "ALTER INDEX customers_name_idx SET TABLESPACE pg_default",
            visibility: """
                the vacuum transaction's lock on the table and its indexes' locks up to the one it waits \
                for; not the transient look-up lock of the first transaction (released), nor the TOAST \
                table's own transaction
                """),
        GroundTruthSampledStatement(
            sql: "VACUUM ANALYZE orders",
            holder: "ALTER INDEX orders_customer_idx SET TABLESPACE pg_default",
            visibility: "as for VACUUM; the ANALYZE transaction that follows is not reached"),
        GroundTruthSampledStatement(
            sql: "VACUUM FULL customers",
            holder: "LOCK TABLE customers IN ACCESS SHARE MODE",
            visibility: "the rewrite's ACCESS EXCLUSIVE it waits for; not the index rebuild after the rewrite"),
    ]
}
