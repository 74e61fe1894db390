import Testing
@testable import OnlineDDL

@Suite("Lint: renames and drops")
struct RuleCompatibilityTests {
    @Test func renameTable() throws {
        let finding = try expectOneFinding(
            "rename-in-use", in: "ALTER TABLE app.orders RENAME TO purchases", severity: .warning, line: 1,
            table: "app.orders", lock: .accessExclusive)
        #expect(finding.safeAlternative == """
            ALTER TABLE app.orders RENAME TO purchases;
            -- in the same transaction, keep the old name working (a simple view is updatable):
            CREATE VIEW app.orders AS SELECT * FROM app.purchases;
            -- once no deployed code uses the old name: DROP VIEW app.orders;
            """)
    }

    @Test func renameColumnUsesTheDeclaredType() throws {
        let finding = try expectOneFinding(
            "rename-in-use", in: "ALTER TABLE t RENAME COLUMN \"User\" TO owner", severity: .warning, line: 1,
            table: "t", lock: .accessExclusive, earlier: ["CREATE TABLE t (\"User\" text)"])
        #expect(finding.message.contains("t.User"))
        #expect(finding.safeAlternative?.hasPrefix("ALTER TABLE t ADD COLUMN owner text;\n") == true)
        #expect(finding.safeAlternative?.hasSuffix("ALTER TABLE t DROP COLUMN \"User\";") == true)
    }

    @Test func renamesOfNewTablesAndOtherObjectsPass() throws {
        #expect(try findings(of: "rename-in-use", in: "CREATE TABLE t (a int); ALTER TABLE t RENAME COLUMN a TO b").isEmpty)
        #expect(try findings(of: "rename-in-use", in: "ALTER INDEX i RENAME TO j").isEmpty)
        #expect(try findings(of: "rename-in-use", in: "ALTER TABLE t RENAME CONSTRAINT c TO d").isEmpty)
    }

    @Test func dropColumn() throws {
        let finding = try expectOneFinding(
            "drop-in-use", in: "ALTER TABLE t DROP COLUMN legacy", severity: .warning, line: 1, table: "t",
            lock: .accessExclusive)
        #expect(finding.safeAlternative?.hasSuffix("ALTER TABLE t DROP COLUMN legacy;") == true)
    }

    @Test func dropTable() throws {
        let finding = try expectOneFinding(
            "drop-in-use", in: "DROP TABLE IF EXISTS app.audit", severity: .warning, line: 1, table: "app.audit",
            lock: .accessExclusive)
        #expect(finding.safeAlternative?.contains("ALTER TABLE app.audit RENAME TO audit_deprecated;") == true)
        #expect(finding.safeAlternative?.hasSuffix("DROP TABLE app.audit_deprecated;") == true)
    }

    @Test func dropsOfNewTablesAndOtherObjectsPass() throws {
        #expect(try findings(of: "drop-in-use", in: "CREATE TABLE t (a int); ALTER TABLE t DROP COLUMN a; DROP TABLE t").isEmpty)
        #expect(try findings(of: "drop-in-use", in: "DROP VIEW v; ALTER TABLE t DROP CONSTRAINT c").isEmpty)
    }
}
