import Testing
@testable import OnlineDDL

@Suite("Lint: constraints and NOT NULL")
struct RuleConstraintTests {
    @Test func checkWithoutNotValid() throws {
        let finding = try expectOneFinding(
            "constraint-missing-not-valid", in: "ALTER TABLE app.orders ADD CONSTRAINT total_positive CHECK (total > 0 AND note <> 'a, b')",
            severity: .warning, line: 1, table: "app.orders", lock: .accessExclusive)
        #expect(finding.safeAlternative == """
            ALTER TABLE app.orders ADD CONSTRAINT total_positive CHECK (total > 0 AND note <> 'a, b') NOT VALID;
            -- in a later migration: VALIDATE takes ShareUpdateExclusiveLock (SHARE UPDATE EXCLUSIVE), so reads and writes continue
            ALTER TABLE app.orders VALIDATE CONSTRAINT total_positive;
            """)
    }

    @Test func unnamedForeignKeyWithoutNotValidGetsAName() throws {
        let finding = try expectOneFinding(
            "constraint-missing-not-valid",
            in: "ALTER TABLE orders ADD COLUMN note text, ADD FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE",
            severity: .warning, line: 1, table: "orders", lock: .accessExclusive)
        #expect(finding.message.contains("ShareRowExclusiveLock (SHARE ROW EXCLUSIVE) on customers"))
        #expect(finding.safeAlternative?.hasPrefix("""
            ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
            """) == true)
        #expect(finding.safeAlternative?.hasSuffix("ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;") == true)
    }

    @Test func notValidConstraintsAndNewTablesPass() throws {
        #expect(try findings(of: "constraint-missing-not-valid", in: "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID").isEmpty)
        #expect(try findings(of: "constraint-missing-not-valid", in: "CREATE TABLE t (a int); ALTER TABLE t ADD CHECK (a > 0)").isEmpty)
    }

    @Test func validateInTheSameTransaction() throws {
        let finding = try expectOneFinding(
            "validate-in-same-transaction", in: """
                ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT fk;
                """,
            severity: .warning, line: 2, table: "orders", lock: .shareRowExclusive)
        #expect(finding.safeAlternative == "-- in a later migration file:\nALTER TABLE orders VALIDATE CONSTRAINT fk;")
    }

    @Test func validateInALaterTransactionPasses() throws {
        #expect(try findings(
            of: "validate-in-same-transaction", in: "ALTER TABLE t VALIDATE CONSTRAINT c",
            earlier: ["ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID"]).isEmpty)
        #expect(try findings(of: "validate-in-same-transaction", in: """
            BEGIN;
            ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;
            COMMIT;
            ALTER TABLE t VALIDATE CONSTRAINT c;
            CREATE INDEX CONCURRENTLY i ON t (a);
            """).isEmpty)
    }

    @Test func setNotNullWithoutCheck() throws {
        let finding = try expectOneFinding(
            "set-not-null-needs-check", in: "ALTER TABLE public.users ALTER COLUMN email SET NOT NULL",
            severity: .warning, line: 1, table: "public.users", lock: .accessExclusive)
        #expect(finding.message.contains("onlineddl cannot see constraints already in the database"))
        #expect(finding.safeAlternative == """
            -- migration 1: catalog only, a brief lock
            ALTER TABLE public.users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
            -- migration 2: scans under SHARE UPDATE EXCLUSIVE; reads and writes continue
            ALTER TABLE public.users VALIDATE CONSTRAINT users_email_not_null;
            -- migration 3: the valid CHECK proves there are no NULLs, so SET NOT NULL skips its scan
            ALTER TABLE public.users ALTER COLUMN email SET NOT NULL;
            ALTER TABLE public.users DROP CONSTRAINT users_email_not_null;
            """)
    }

    @Test func setNotNullBeforePostgres12AlwaysScans() throws {
        let earlier = ["ALTER TABLE t ADD CONSTRAINT nn CHECK (a IS NOT NULL)"]
        let finding = try expectOneFinding(
            "set-not-null-needs-check", in: "ALTER TABLE t ALTER COLUMN a SET NOT NULL", severity: .warning, line: 1,
            table: "t", lock: .accessExclusive, version: 11, earlier: earlier)
        #expect(finding.message.contains("PostgreSQL 11 always scans"))
        #expect(finding.safeAlternative?.contains("SET NOT NULL") == true)
        #expect(try findings(of: "set-not-null-needs-check", in: "ALTER TABLE t ALTER COLUMN a SET NOT NULL", earlier: earlier).isEmpty)
    }

    @Test func setNotNullAfterAValidatedCheckPasses() throws {
        #expect(try findings(
            of: "set-not-null-needs-check", in: "ALTER TABLE t ALTER COLUMN a SET NOT NULL, DROP CONSTRAINT a_nn",
            earlier: ["ALTER TABLE t ADD CONSTRAINT a_nn CHECK (a IS NOT NULL AND a > 0) NOT VALID", "ALTER TABLE t VALIDATE CONSTRAINT a_nn"]
        ).isEmpty)
    }

    @Test func checksThatProveNothingDoNotCount() throws {
        let unvalidated = ["ALTER TABLE t ADD CONSTRAINT a_nn CHECK (a IS NOT NULL) NOT VALID"]
        #expect(try findings(of: "set-not-null-needs-check", in: "ALTER TABLE t ALTER COLUMN a SET NOT NULL", earlier: unvalidated).count == 1)
        let dropped = ["ALTER TABLE t ADD CONSTRAINT a_nn CHECK (a IS NOT NULL)", "ALTER TABLE t DROP CONSTRAINT a_nn"]
        #expect(try findings(of: "set-not-null-needs-check", in: "ALTER TABLE t ALTER COLUMN a SET NOT NULL", earlier: dropped).count == 1)
        let strict = ["ALTER TABLE t ADD CONSTRAINT a_pos CHECK (a > 0)"]
        #expect(try findings(of: "set-not-null-needs-check", in: "ALTER TABLE t ALTER COLUMN a SET NOT NULL", earlier: strict).count == 1)
    }

    @Test func addColumnNotNullWithoutDefault() throws {
        let finding = try expectOneFinding(
            "add-column-not-null-without-default", in: "ALTER TABLE t ADD COLUMN a integer NOT NULL",
            severity: .error, line: 1, table: "t", lock: .accessExclusive)
        #expect(finding.message.contains("column contains null values"))
        #expect(finding.safeAlternative?.contains("ALTER TABLE t ADD COLUMN a integer;\n") == true)
    }

    @Test func addColumnNotNullWithAValuePasses() throws {
        for column in ["a int NOT NULL DEFAULT 0", "a bigserial NOT NULL", "a int GENERATED ALWAYS AS IDENTITY", "a int"] {
            #expect(try findings(of: "add-column-not-null-without-default", in: "ALTER TABLE t ADD COLUMN \(column)").isEmpty, "\(column)")
        }
        #expect(try findings(of: "add-column-not-null-without-default", in: "ALTER TABLE t ADD COLUMN a int NOT NULL DEFAULT NULL").count == 1)
    }
}
