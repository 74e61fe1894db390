import Testing
@testable import OnlineDDLLocking

@Suite("Lint: index builds")
struct RuleIndexTests {
    private let concurrentNote = "-- CONCURRENTLY cannot run in a transaction block: put this in a migration file of its own\n"

    @Test func createIndexWithoutConcurrently() throws {
        let finding = try expectOneFinding(
            "require-concurrent-index", in: "SELECT 1;\n  CREATE UNIQUE INDEX IF NOT EXISTS idx ON public.t (lower(email)) WHERE deleted_at IS NULL;",
            severity: .warning, line: 2, column: 3, table: "public.t", lock: .share)
        #expect(finding.statementIndex == 1)
        #expect(finding.message.contains("blocks writes (INSERT, UPDATE, DELETE"))
        #expect(finding.message.contains("but not SELECT, SELECT FOR UPDATE or CREATE INDEX"))
        #expect(finding.safeAlternative == concurrentNote
            + "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON public.t (lower(email)) WHERE deleted_at IS NULL;")
    }

    @Test func concurrentIndexesAndIndexesOnNewTablesPass() throws {
        #expect(try findings(of: "require-concurrent-index", in: "CREATE INDEX CONCURRENTLY i ON t (a)").isEmpty)
        #expect(try findings(of: "require-concurrent-index", in: """
            CREATE TABLE t (a int);
            CREATE INDEX i ON t (a);
            DROP INDEX i;
            REINDEX TABLE t;
            """).isEmpty)
    }

    @Test func aTableCreatedInAnEarlierFileIsNotNew() throws {
        try expectOneFinding(
            "require-concurrent-index", in: "CREATE INDEX i ON t (a);", severity: .warning, line: 1,
            table: "t", lock: .share, earlier: ["CREATE TABLE t (a int);"])
    }

    @Test func dropIndexWithoutConcurrently() throws {
        let finding = try expectOneFinding(
            "require-concurrent-index", in: "DROP INDEX IF EXISTS app.orders_idx", severity: .warning, line: 1,
            table: "app.orders_idx", lock: .accessExclusive)
        #expect(finding.safeAlternative == concurrentNote + "DROP INDEX CONCURRENTLY IF EXISTS app.orders_idx;")
        #expect(try findings(of: "require-concurrent-index", in: "DROP INDEX CONCURRENTLY app.orders_idx").isEmpty)
    }

    @Test func reindexWithoutConcurrently() throws {
        let finding = try expectOneFinding(
            "require-concurrent-index", in: "REINDEX INDEX s.i", severity: .warning, line: 1,
            table: "s.i", lock: .accessExclusive)
        #expect(finding.message.contains(LockMode.share.pgLocksName))
        #expect(finding.safeAlternative == concurrentNote + "REINDEX INDEX CONCURRENTLY s.i;")
        let old = try findings(of: "require-concurrent-index", in: "REINDEX TABLE t", version: 11)
        #expect(old.map(\.safeAlternative) == [nil])
        #expect(old.first?.message.contains("PostgreSQL 11 and older have no REINDEX CONCURRENTLY") == true)
        #expect(try findings(of: "require-concurrent-index", in: "REINDEX TABLE CONCURRENTLY t").isEmpty)
    }

    @Test func uniqueConstraintWithoutUsingIndex() throws {
        let finding = try expectOneFinding(
            "unique-without-index", in: "ALTER TABLE app.users ADD CONSTRAINT users_email_key UNIQUE (email)",
            severity: .warning, line: 1, table: "app.users", lock: .accessExclusive)
        #expect(finding.safeAlternative == concurrentNote + """
            CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON app.users (email);
            -- then, in the next migration:
            ALTER TABLE app.users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
            """)
    }

    @Test func primaryKeyWithoutUsingIndexAndInlineUnique() throws {
        let found = try findings(of: "unique-without-index", in: "ALTER TABLE t ADD PRIMARY KEY (id), ADD COLUMN code text UNIQUE")
        #expect(found.count == 2)
        #expect(found.first?.safeAlternative?.contains("ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_pkey;") == true)
        #expect(found.last?.safeAlternative?.contains("CREATE UNIQUE INDEX CONCURRENTLY t_code_key ON t (code);") == true)
    }

    @Test func uniqueUsingIndexPasses() throws {
        #expect(try findings(of: "unique-without-index", in: "ALTER TABLE t ADD CONSTRAINT t_key UNIQUE USING INDEX t_key_idx").isEmpty)
        #expect(try findings(of: "unique-without-index", in: "CREATE TABLE t (id int PRIMARY KEY); ALTER TABLE t ADD UNIQUE (id)").isEmpty)
    }

    @Test func foreignKeyWithoutIndex() throws {
        let finding = try expectOneFinding(
            "foreign-key-without-index",
            in: "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers NOT VALID",
            severity: .warning, line: 1, table: "orders", lock: .shareRowExclusive)
        #expect(finding.message.contains("customers"))
        #expect(finding.safeAlternative == concurrentNote
            + "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);")
    }

    @Test func foreignKeyOfANewTableSuggestsAPlainIndex() throws {
        let finding = try expectOneFinding(
            "foreign-key-without-index", in: "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers)",
            severity: .warning, line: 1, table: "orders", lock: .shareRowExclusive)
        #expect(finding.safeAlternative == "CREATE INDEX orders_customer_id_idx ON orders (customer_id);")
    }

    @Test func foreignKeysWithAnIndexPass() throws {
        // An index later in the same file, in an earlier file, or a primary key leading with the columns.
        #expect(try findings(of: "foreign-key-without-index", in: """
            CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);
            CREATE INDEX ON orders (customer_id);
            """).isEmpty)
        #expect(try findings(
            of: "foreign-key-without-index", in: "ALTER TABLE items ADD FOREIGN KEY (order_id, sku) REFERENCES stock NOT VALID",
            earlier: ["CREATE INDEX CONCURRENTLY items_idx ON items (sku, order_id, created_at)"]).isEmpty)
        #expect(try findings(of: "foreign-key-without-index", in: """
            CREATE TABLE links (a_id int REFERENCES a, b_id int REFERENCES b, PRIMARY KEY (a_id, b_id));
            CREATE INDEX ON links (b_id);
            """).isEmpty)
    }

    @Test func indexesThatCannotServeTheKeyDoNotCount() throws {
        let found = try findings(
            of: "foreign-key-without-index", in: "ALTER TABLE items ADD FOREIGN KEY (order_id) REFERENCES orders NOT VALID",
            earlier: [
                "CREATE INDEX CONCURRENTLY a ON items ((lower(sku)), order_id)",
                "CREATE INDEX CONCURRENTLY b ON items (order_id) WHERE archived",
                "CREATE INDEX CONCURRENTLY c ON items USING gin (order_id)",
                "CREATE INDEX CONCURRENTLY d ON items (created_at, order_id)",
            ])
        #expect(found.count == 1)
    }
}
