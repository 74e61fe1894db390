import Testing
@testable import OnlineDDLParsing

@Suite("Lint: maintenance and unanalyzed statements")
struct RuleMaintenanceTests {
    @Test func vacuumFull() throws {
        let finding = try expectOneFinding(
            "vacuum-full-or-cluster", in: "VACUUM (FULL, ANALYZE) app.events", severity: .error, line: 1,
            table: "app.events", lock: .accessExclusive)
        #expect(finding.safeAlternative?.contains("VACUUM (ANALYZE) app.events;") == true)
        #expect(try findings(of: "vacuum-full-or-cluster", in: "VACUUM (ANALYZE) app.events").isEmpty)
    }

    @Test func cluster() throws {
        try expectOneFinding(
            "vacuum-full-or-cluster", in: "CLUSTER t USING t_pkey", severity: .error, line: 1, table: "t",
            lock: .accessExclusive)
        #expect(try findings(of: "vacuum-full-or-cluster", in: "ALTER TABLE t CLUSTER ON t_pkey").isEmpty)
    }

    @Test func refreshWithoutConcurrently() throws {
        let finding = try expectOneFinding(
            "refresh-matview-blocking", in: "REFRESH MATERIALIZED VIEW reports.daily", severity: .warning, line: 1,
            table: "reports.daily", lock: .accessExclusive)
        #expect(finding.safeAlternative?.hasSuffix("REFRESH MATERIALIZED VIEW CONCURRENTLY reports.daily;") == true)
        #expect(finding.safeAlternative?.contains("ExclusiveLock (EXCLUSIVE)") == true)
        #expect(try findings(of: "refresh-matview-blocking", in: "REFRESH MATERIALIZED VIEW CONCURRENTLY reports.daily").isEmpty)
        #expect(try findings(of: "refresh-matview-blocking", in: "REFRESH MATERIALIZED VIEW reports.daily WITH NO DATA").isEmpty)
    }

    @Test func truncateCascade() throws {
        let finding = try expectOneFinding(
            "truncate-cascade", in: "TRUNCATE ONLY a, s.b RESTART IDENTITY CASCADE", severity: .error, line: 1,
            table: "s.b", lock: .accessExclusive)
        #expect(finding.safeAlternative?.hasSuffix("TRUNCATE ONLY a, s.b RESTART IDENTITY;") == true)
        #expect(try findings(of: "truncate-cascade", in: "TRUNCATE a").isEmpty)
    }

    @Test func unclassifiedStatement() throws {
        let found = try findings(of: "unclassified-statement", in: "SELECT 1;\nDO $$ BEGIN PERFORM 1; END $$;")
        try #require(found.count == 1)
        #expect(found[0].severity == .info)
        #expect(found[0].location == OnlineDDLParsing.SourceLocation(line: 2, column: 1))
        #expect(found[0].message.contains("DO runs an opaque procedural body"))
        #expect(found[0].message.contains("cannot tell what it blocks"))
        #expect(found[0].safeAlternative == nil)
        #expect(try findings(of: "unclassified-statement", in: "SELECT 1").isEmpty)
    }
}
