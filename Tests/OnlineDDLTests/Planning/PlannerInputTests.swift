import Testing
@testable import OnlineDDL

@Suite("Planning: files parsed on all cores, in file order")
struct PlannerInputTests {
    @Test func keepsFileOrderAndReportsEveryBadFile() {
        let files = (1...40).map { number in
            MigrationFile(
                version: "\(number)", name: "step", path: "\(number)_step.sql",
                contents: Array((number % 10 == 0 ? "ALTER TABLE t\(number) ADD" : "CREATE TABLE t\(number) (a int)").utf8))
        }
        guard case .failure(let failure) = PreparedMigration.prepareAll(files) else {
            Issue.record("four files do not parse")
            return
        }
        #expect(failure.errors.map(\.file) == ["10_step.sql", "20_step.sql", "30_step.sql", "40_step.sql"])
        let good = files.filter { !$0.path.hasSuffix("0_step.sql") }
        let prepared = try? PreparedMigration.prepareAll(good).get()
        #expect(prepared?.map(\.file.path) == good.map(\.path))
        #expect(prepared?.map { $0.script.statements.first?.text } == good.map { "CREATE TABLE t\($0.version) (a int)" })
    }

    @Test func concurrentMapKeepsOrder() {
        let numbers = Array(0..<1000)
        #expect(numbers.concurrentMap { $0 * 2 } == numbers.map { $0 * 2 })
        #expect([7].concurrentMap { $0 + 1 } == [8])
        #expect([Int]().concurrentMap { $0 } == [])
    }
}

@Suite("Planning: files linted in parallel see only the files before them")
struct PlannerLintOrderTests {
    @Test func anIndexInALaterFileDoesNotCoverAnEarlierForeignKey() throws {
        let sql = [
            "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID",
            "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id)",
            "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID",
            "ALTER TABLE orders RENAME COLUMN customer_id TO client_id",
        ]
        let files = sql.enumerated().map { index, text in
            MigrationFile(version: "\(index + 1)", name: "step", path: "\(index + 1).sql", contents: Array(text.utf8))
        }
        let inputs = try PreparedMigration.prepareAll(files).get().map(MigrationPlanner.Input.init)
        let plan = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan(inputs, connected: false)
        let rules = plan.migrations.map { $0.statements.flatMap(\.findings).map(\.rule) }
        #expect(rules[0].contains("foreign-key-without-index"))
        #expect(!rules[2].contains("foreign-key-without-index"))
        let sequential = Linter().lint(migrationSet: inputs.map(\.script), postgresMajorVersion: 15)
        #expect(plan.allFindings.map(\.finding.rule) == sequential.map(\.ruleID))
        #expect(plan.allFindings.map(\.file) == sequential.map(\.file))
    }
}
