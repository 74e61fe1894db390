import Foundation
import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLLocking
@testable import OnlineDDLMigrations
@testable import OnlineDDLPlanning
@testable import OnlineDDLReporting

@Suite("Reporting: plan JSON written directly, as JSONEncoder writes it")
struct PlanJSONReportTests {
    /// The contract's encoding: `JSONEncoder` with sorted keys and unescaped slashes.
    private func encoderJSON(_ plan: MigrationPlan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(plan), as: UTF8.self)
    }

    @Test func anOfflinePlanMatchesTheEncoder() throws {
        let files = [
            "CREATE TABLE accounts (id bigint PRIMARY KEY, note text);\nCREATE INDEX ON accounts (note);",
            "-- onlineddl:ignore nothing-such\nALTER TABLE accounts ADD COLUMN owner_id bigint REFERENCES owners;\n"
                + "ALTER TABLE accounts ALTER COLUMN note TYPE varchar(10);\nDO $$ BEGIN RAISE NOTICE 'a/b \"é\" \\ done'; END $$;",
            "CREATE INDEX CONCURRENTLY accounts_owner ON accounts (owner_id);\nVACUUM accounts;",
            "BEGIN;\nALTER TABLE accounts ADD COLUMN a int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON accounts (a);",
        ]
        let inputs = try files.enumerated().map { index, sql in
            let file = MigrationFile(version: "000\(index + 1)", name: "step", path: "db/000\(index + 1)_step.sql", contents: Array(sql.utf8))
            return MigrationPlanner.Input(file: file, script: try file.parse())
        }
        let plan = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan(inputs, connected: false)
        #expect(plan.allFindings.contains { $0.finding.safeAlternative == nil })
        #expect(plan.migrations.flatMap(\.statements).contains { $0.unclassified != nil })
        #expect(try PlanJSONReport.render(plan) == encoderJSON(plan))
    }

    @Test func escapesSizesAndPredictionsMatchTheEncoder() throws {
        let controls = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
        let session = LockTableSession(
            pid: 42, virtualTransaction: "3/7", applicationName: nil, user: "app", state: "idle in transaction",
            transactionAgeSeconds: 12.5, query: "SELECT 1")
        let prediction = LockWaitPrediction(
            relation: "public.accounts", mode: .accessExclusive, outcome: .wait,
            blockers: [.init(kind: .hard, session: session)], queuedBehind: [43], wouldBlock: ["SELECT"])
        let statement = MigrationPlan.Statement(
            line: 3, column: 7, sql: "SELECT '\(controls)\u{7F}\"\\/é😀'", transactional: false,
            locks: [RelationLock(relation: "public.accounts", mode: .share, relationID: 16384)], rewrite: .rewrite,
            size: MigrationPlan.DataSize(relation: "public.accounts", bytes: 8192, estimatedRows: 1e6 / 3),
            unclassified: "a \"reason\"", findings: [], prediction: prediction, unit: 1)
        let migration = MigrationPlan.Migration(
            version: "1", name: "x", file: "a/b.sql", transactional: false, planned: true,
            units: [MigrationPlan.Unit(ExecutionUnit(kind: .block, statements: 0..<3))], statements: [statement], findings: [])
        let plan = MigrationPlan(postgresVersion: 16, connected: true, migrations: [migration, migration])
        #expect(try PlanJSONReport.render(plan) == encoderJSON(plan))
        let empty = MigrationPlan(postgresVersion: 17, connected: false, migrations: [])
        #expect(try PlanJSONReport.render(empty) == encoderJSON(empty))
    }
}
