import OnlineDDL

/// The schema every ground-truth statement runs against, created once per test run in the
/// dedicated schema `gt`: a partitioned table with sub-partitions and a default partition,
/// a partitioned table without one, an inheritance tree, foreign keys in both directions
/// (validated and `NOT VALID`), views (nested, auto-updatable), a materialized view with a
/// unique index, serial, identity and standalone sequences, triggers, a policy, statistics.
enum GroundTruthFixture {
    static let schema = "gt"

    /// Created once; every test of the suite waits for the same result.
    static let prepared: Result<Void, any Error> = Result {
        let connection = try TestDatabase.connect()
        try connection.execute(sql)
    }

    /// Opens a session whose `search_path` finds the fixture first, as a migration would.
    static func connect() throws -> Connection {
        try prepared.get()
        let connection = try TestDatabase.connect()
        try connection.execute("SET search_path = gt, public")
        return connection
    }

    static let sql = """
        DROP SCHEMA IF EXISTS gt CASCADE;
        DO $$ BEGIN CREATE ROLE gt_owner; EXCEPTION WHEN duplicate_object THEN NULL; END $$;
        CREATE SCHEMA gt;
        CREATE FUNCTION gt.touch() RETURNS trigger LANGUAGE plpgsql AS $f$BEGIN RETURN NEW; END$f$;

        CREATE TABLE gt.customers (
            id bigserial PRIMARY KEY, email text NOT NULL, name varchar(50), note text,
            score int CHECK (score >= 0), created_at timestamp(3), handle text, favorite_order bigint);
        CREATE UNIQUE INDEX customers_email_key ON gt.customers (email);
        CREATE INDEX customers_name_idx ON gt.customers (name);
        CREATE UNIQUE INDEX customers_handle_uidx ON gt.customers (handle);

        CREATE TABLE gt.orders (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            customer_id bigint NOT NULL REFERENCES gt.customers (id),
            amount numeric(10,2), status text, note varchar(20),
            CONSTRAINT amount_positive CHECK (amount > 0) NOT VALID);
        CREATE INDEX orders_customer_idx ON gt.orders (customer_id);
        ALTER TABLE gt.customers ADD CONSTRAINT customers_favorite_fk
            FOREIGN KEY (favorite_order) REFERENCES gt.orders (id) NOT VALID;
        CREATE TABLE gt.order_items (
            order_id bigint REFERENCES gt.orders (id) ON DELETE CASCADE, sku text, qty int,
            CONSTRAINT qty_present CHECK (qty IS NOT NULL));
        CREATE TRIGGER orders_touch BEFORE UPDATE ON gt.orders FOR EACH ROW EXECUTE FUNCTION gt.touch();
        CREATE POLICY orders_policy ON gt.orders USING (true);
        CREATE STATISTICS gt.orders_stats ON customer_id, status FROM gt.orders;

        CREATE TABLE gt.events (
            id bigint, region text, happened_at date NOT NULL,
            customer_id bigint REFERENCES gt.customers (id), payload text) PARTITION BY RANGE (happened_at);
        CREATE TABLE gt.events_2023 PARTITION OF gt.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        CREATE TABLE gt.events_2024 PARTITION OF gt.events
            FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (region);
        CREATE TABLE gt.events_2024_eu PARTITION OF gt.events_2024 FOR VALUES IN ('eu');
        CREATE TABLE gt.events_2024_us PARTITION OF gt.events_2024 FOR VALUES IN ('us');
        CREATE TABLE gt.events_default PARTITION OF gt.events DEFAULT;
        CREATE INDEX events_happened_idx ON gt.events (happened_at);
        CREATE TABLE gt.events_2025 (id bigint, region text, happened_at date NOT NULL, customer_id bigint, payload text);

        CREATE TABLE gt.metrics (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE gt.metrics_2024 PARTITION OF gt.metrics FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE gt.metrics_2025 (id int, at date);

        CREATE TABLE gt.vehicles (id int PRIMARY KEY, name text);
        CREATE TABLE gt.cars (doors int) INHERITS (gt.vehicles);
        CREATE TABLE gt.trucks (payload int) INHERITS (gt.vehicles);
        CREATE TABLE gt.bikes (id int NOT NULL, name text);
        CREATE TABLE gt.lonely (id int NOT NULL, label text);
        CREATE UNIQUE INDEX lonely_id_uidx ON gt.lonely (id);
        CREATE UNLOGGED TABLE gt.scratch (id int);

        CREATE VIEW gt.customer_orders AS
            SELECT c.id, c.email, o.amount FROM gt.customers c JOIN gt.orders o ON o.customer_id = c.id;
        CREATE VIEW gt.big_orders AS SELECT * FROM gt.customer_orders WHERE amount > 100;
        CREATE VIEW gt.active_customers AS SELECT id, email, score FROM gt.customers WHERE score > 0;
        CREATE MATERIALIZED VIEW gt.order_totals AS
            SELECT customer_id, sum(amount) AS total FROM gt.orders GROUP BY customer_id;
        CREATE UNIQUE INDEX order_totals_customer_key ON gt.order_totals (customer_id);

        CREATE SEQUENCE gt.invoice_seq;
        CREATE TABLE gt.invoices (id int DEFAULT nextval('gt.invoice_seq'), total numeric);
        ALTER SEQUENCE gt.invoice_seq OWNED BY gt.invoices.id;
        CREATE SEQUENCE gt.ticket_seq;

        INSERT INTO gt.customers (email, name, score) SELECT 'c' || g || '@example.com', 'n' || g, g FROM generate_series(1, 50) g;
        INSERT INTO gt.orders (customer_id, amount, status) SELECT 1 + g % 50, g, 'new' FROM generate_series(1, 200) g;
        INSERT INTO gt.order_items SELECT id, 'sku', 1 FROM gt.orders;
        INSERT INTO gt.events VALUES (1, 'eu', '2023-05-01', 1, 'x'), (2, 'eu', '2024-05-01', 2, 'y'),
            (3, 'us', '2024-06-01', NULL, 'z'), (4, 'eu', '2030-01-01', 3, 'w');
        INSERT INTO gt.vehicles VALUES (1, 'v');
        INSERT INTO gt.cars VALUES (2, 'c', 4);
        INSERT INTO gt.invoices (total) VALUES (10);
        REFRESH MATERIALIZED VIEW gt.order_totals;
        ANALYZE;
        """
}
