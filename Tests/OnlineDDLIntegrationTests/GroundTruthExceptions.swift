/// Statements whose catalog-aware locks knowingly differ from `pg_locks`, each with the
/// reason. A listed statement that becomes exact fails the test, so the list stays current.
struct GroundTruthException {
    /// The statement as ``GroundTruthStatements`` spells it (for a sample, with its holder).
    let sql: String
    /// The PostgreSQL major versions it applies to.
    let versions: Set<Int>
    /// Why the analyzer differs.
    let reason: String
}

enum GroundTruthExceptions {
    static let all: [GroundTruthException] = [
        GroundTruthException(
            sql: "ALTER TABLE events ATTACH PARTITION events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            versions: [15, 18],
            reason: "ATTACH to a parent with indexes and foreign keys also builds the matching index on the new partition (SHARE on it, SHARE UPDATE EXCLUSIVE on the parent's index) and clones and validates the parent's foreign keys on it (SHARE ROW EXCLUSIVE and ACCESS SHARE on the partition, ROW SHARE and ACCESS SHARE on the referenced table and its indexes); the analyzer models only the default partition, the partition and the partitioned table's key peers, and has no lookup that takes these locks only when the parent has indexes or keys"),
        GroundTruthException(
            sql: "ALTER TABLE metrics DETACH PARTITION metrics_2024",
            versions: [15, 18],
            reason: "the ACCESS SHARE on the detached partition comes from recomputing the default partition's constraint, so PostgreSQL takes it only when the parent has a default partition (events does, metrics does not); the analyzer lists it unconditionally"),
        GroundTruthException(
            sql: "ALTER TABLE order_items ALTER COLUMN order_id TYPE int",
            versions: [15, 18],
            reason: "a type change of a foreign-key column drops and re-adds the key, which validates it like ADD FOREIGN KEY (SHARE ROW EXCLUSIVE and ACCESS SHARE on both tables, ROW SHARE and the planner's ACCESS SHARE on the referenced table and its indexes); the analyzer models only the ACCESS EXCLUSIVE on the peers"),
        GroundTruthException(
            sql: "ALTER TABLE orders ALTER COLUMN status TYPE varchar(30) USING status::varchar(30)",
            versions: [15, 18],
            reason: "the extended statistics orders_stats cover the column and are re-created after the type change, which takes SHARE UPDATE EXCLUSIVE on the table (PostgreSQL 14+); the snapshot does not read which columns statistics objects cover"),
        GroundTruthException(
            sql: "ALTER TABLE orders DROP COLUMN customer_id CASCADE",
            versions: [15, 18],
            reason: "dropping the column drops the extended statistics orders_stats that cover it, which takes SHARE UPDATE EXCLUSIVE on the table (PostgreSQL 14+); the snapshot does not read which columns statistics objects cover"),
        GroundTruthException(
            sql: "DELETE FROM orders WHERE id = 1",
            versions: [15, 18],
            reason: "the foreign-key triggers' queries depend on each key's ON DELETE action: CASCADE from order_items runs a DELETE (ROW EXCLUSIVE), and NO ACTION from customers re-checks orders itself (ROW SHARE on orders and its indexes); the analyzer assumes the plain ROW SHARE check on every referencing table"),
        GroundTruthException(
            sql: "INSERT INTO active_customers (email, score) VALUES ('v@example.com', 1)",
            versions: [15, 18],
            reason: "an INSERT through an auto-updatable view becomes an INSERT on customers after rewriting: nextval() for its serial default and index locks released at the end; the resolver expands the view with the query's planner locks instead"),
        GroundTruthException(
            sql: "INSERT INTO events (id, happened_at, region) VALUES (9, '2024-05-01', 'eu')",
            versions: [15, 18],
            reason: "tuple routing locks only the partitions that receive rows (events_2024, events_2024_eu); which ones depends on the values, which the analyzer does not evaluate against partition bounds, so it lists every partition"),
        GroundTruthException(
            sql: "MERGE INTO customers c USING (SELECT 1 AS id) s ON s.id = c.id WHEN MATCHED THEN UPDATE SET score = 1",
            versions: [15, 18],
            reason: "the analyzer assumes a MERGE may insert, update any column and delete, so it lists the foreign-key checks of every key in both directions; this MERGE only updates score, which no key uses"),
        GroundTruthException(
            sql: "SELECT * FROM events WHERE happened_at = '2024-03-01'",
            versions: [15, 18],
            reason: "plan-time partition pruning leaves out events_2023 and events_default (and their indexes); the analyzer does not evaluate the WHERE clause against partition bounds"),
        GroundTruthException(
            sql: "TRUNCATE orders CASCADE",
            versions: [15, 18],
            reason: "CASCADE follows foreign keys transitively (order_items and customers reference orders, events references customers), truncates the partitions of each added table, and rebuilds the indexes of each (SHARE on it, ACCESS EXCLUSIVE on its indexes); the analyzer lists only the tables that reference orders directly"),
        GroundTruthException(
            sql: "UPDATE events SET payload = 'p' WHERE id = 2",
            versions: [15, 18],
            reason: "an UPDATE of a partitioned table prepares tuple routing for rows that move between partitions, which opens the intermediate partitioned table events_2024 with ACCESS SHARE; the analyzer does not model row movement"),
        GroundTruthException(
            sql: "ALTER TABLE customers ADD COLUMN ref bigint REFERENCES orders (id)",
            versions: [18],
            reason: "PostgreSQL 18 opens the referenced key's unique index (orders_pkey) with ACCESS SHARE when it adds a foreign key; the snapshot does not tell which index backs the referenced columns"),
        GroundTruthException(
            sql: "ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (id) REFERENCES customers (id) NOT VALID",
            versions: [18],
            reason: "PostgreSQL 18 opens the referenced key's unique index (customers_pkey) with ACCESS SHARE when it adds a foreign key; the snapshot does not tell which index backs the referenced columns"),
        GroundTruthException(
            sql: "ALTER TABLE invoices ADD CONSTRAINT invoices_customer_fk FOREIGN KEY (id) REFERENCES customers (id) NOT ENFORCED",
            versions: [18],
            reason: "PostgreSQL 18 opens the referenced key's unique index (customers_pkey) with ACCESS SHARE when it adds a foreign key; the snapshot does not tell which index backs the referenced columns"),
        GroundTruthException(
            sql: "CREATE TABLE gt.notes (customer_id bigint REFERENCES customers (id))",
            versions: [18],
            reason: "PostgreSQL 18 opens the referenced key's unique index (customers_pkey) with ACCESS SHARE when it adds a foreign key; the snapshot does not tell which index backs the referenced columns"),
        GroundTruthException(
            sql: "CREATE TABLE gt.notes (order_id bigint, FOREIGN KEY (order_id) REFERENCES orders (id))",
            versions: [18],
            reason: "PostgreSQL 18 opens the referenced key's unique index (orders_pkey) with ACCESS SHARE when it adds a foreign key; the snapshot does not tell which index backs the referenced columns"),
        GroundTruthException(
            sql: "CREATE TABLE gt.events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
            versions: [18],
            reason: "PostgreSQL 18 opens the referenced key's unique index (customers_pkey) with ACCESS SHARE when it clones the parent's foreign key onto the new partition; the snapshot does not tell which index backs the referenced columns"),
        GroundTruthException(
            sql: "ALTER TABLE customers ALTER COLUMN score SET DEFAULT nextval('gt.ticket_seq')",
            versions: [18],
            reason: "PostgreSQL 18 locks the sequence a new default names through a regclass literal (ACCESS SHARE); the analyzer does not evaluate the default expression's literals"),
        GroundTruthException(
            sql: "CREATE TABLE gt.customers_copy (LIKE customers INCLUDING ALL)",
            versions: [18],
            reason: "PostgreSQL 18 locks the sequence named by the copied serial default (ACCESS SHARE on customers_id_seq); the analyzer does not follow the LIKE source's defaults"),
    ]

    static func exception(for sql: String, version: Int) -> GroundTruthException? {
        all.first { $0.sql == sql && $0.versions.contains(version) }
    }
}
