import Testing
@testable import OnlineDDLLint
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing
@testable import OnlineDDLPlanning
@testable import OnlineDDLReporting

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
        let sequential = Linter().lint(migrationSet: try inputs.map { try $0.script.get() }, postgresMajorVersion: 15)
        #expect(plan.allFindings.map(\.finding.rule) == sequential.map(\.ruleID.rawValue))
        #expect(plan.allFindings.map(\.file) == sequential.map(\.file))
    }
}

@Suite("Planning: a file that cannot be parsed is a finding, not the end of the plan")
struct PlannerUnusableFileTests {
    private static func file(_ number: Int, _ text: String) -> MigrationFile {
        MigrationFile(version: "\(number)", name: "step", path: "\(number)_step.sql", contents: Array(text.utf8))
    }

    private static func inputs(_ files: [MigrationFile]) -> [MigrationPlanner.Input] {
        zip(files, PreparedMigration.prepareEach(files)).map { MigrationPlanner.Input(file: $0, prepared: $1) }
    }

    private static let files = [
        file(1, "CREATE INDEX CONCURRENTLY orders_customer ON orders (customer_id);"),
        file(2, "ALTER TABLE orders ADD;"),
        file(3, "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;"),
        file(4, "-- to do\n"),
        MigrationFile(version: "5", name: "step", path: "5_step.sql", readError: SQLSyntaxError(
            file: "5_step.sql", location: SourceLocation(line: 1, column: 1), message: "cannot be read (check permissions)", kind: .unreadable)),
    ]

    @Test func everyOtherFileIsPlannedWithTheGoodEarlierOnesAsHistory() {
        let plan = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan(Self.inputs(Self.files), connected: false)
        #expect(plan.migrations.map(\.planned) == [true, false, true, true, false])
        #expect(plan.migrations[1].findings == [MigrationPlan.FindingEntry(UnusableFileRule.finding(SQLSyntaxError(
            file: "2_step.sql", location: SourceLocation(line: 1, column: 23), message: "syntax error at or near \";\"")))])
        #expect(plan.migrations[1].findings.map(\.severity) == [.error])
        #expect(plan.migrations[4].findings.map(\.rule) == ["unreadable-file"])
        // The index of file 1 covers the foreign key of file 3, past the broken file 2.
        #expect(plan.migrations[2].statements.flatMap(\.findings).isEmpty)
        #expect(plan.migrations[3].findings.map { "\($0.rule) \($0.severity) \($0.line):\($0.column)" } == ["empty-migration info 1:1"])
        for report in [PlanTextReport.render(plan), GitHubAnnotations.render(plan)] {
            #expect(report.contains("2_step.sql") && report.contains("syntax-error") && report.contains("unreadable-file"), "\(report)")
        }
        #expect(((try? PlanJSONReport.render(plan)) ?? "").contains(#""planned":false"#))
    }

    @Test func historyOnlyFilesAreNotReportedButStillCount() {
        var inputs = Self.inputs(Self.files)
        for index in [0, 1, 4] { inputs[index].historyOnly = true }
        let plan = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan(inputs, connected: false)
        #expect(plan.migrations.map(\.version) == ["3", "4"])
        #expect(plan.allFindings.map(\.finding.rule) == ["empty-migration"])
        var alone = Self.inputs([Self.files[2]])
        alone[0].historyOnly = false
        let withoutHistory = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan(alone, connected: false)
        #expect(withoutHistory.allFindings.map(\.finding.rule) == ["foreign-key-without-index"])
    }

    @Test func aFileOnlyOfAByteOrderMarkAndCommentsIsANote() throws {
        let file = MigrationFile(version: "1", name: "bom", path: "1_bom.sql", contents: [0xEF, 0xBB, 0xBF] + Array("-- later\n".utf8))
        let plan = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan(Self.inputs([file]), connected: false)
        #expect(plan.allFindings.map(\.finding.rule) == ["empty-migration"])
        #expect(PlanTextReport.render(plan).contains("1_bom (1_bom.sql): no statement (a no-op: apply only records it)"))
    }
}
