import Foundation
import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLLocking
@testable import OnlineDDLMigrations
@testable import OnlineDDLPlanning
@testable import OnlineDDLReporting

@Suite("Reporting: plan JSON, the one encoding of the contract")
struct PlanJSONReportTests {
    /// Checks the plan's JSON: it decodes back to a plan that renders the same bytes (the
    /// relations' OIDs are not part of the JSON), and it is byte for byte the
    /// canonical form (keys sorted at every level, slashes unescaped, compact) that
    /// `JSONSerialization` writes of the same document.
    private func checkRoundTrip(_ plan: MigrationPlan) throws {
        let json = try PlanJSONReport.render(plan)
        #expect(try PlanJSONReport.render(JSONDecoder().decode(MigrationPlan.self, from: Data(json.utf8))) == json)
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let canonical = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        #expect(json == String(decoding: canonical, as: UTF8.self))
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
        try checkRoundTrip(plan)
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
            unclassified: "a \"reason\"", findings: [], prediction: prediction, unit: 1,
            concurrentWaits: [
                ConcurrentWait(phase: .writersBeforeBuild, relation: "public.accounts", sessions: [
                    WaitedSession(pid: nil, preparedTransaction: "p/1", transactionAgeSeconds: 3, reason: .holdsLock,
                                  mode: .rowExclusive, certainty: .certain),
                ]),
                ConcurrentWait(phase: .oldSnapshots, relation: nil, sessions: [
                    WaitedSession(pid: 44, applicationName: "app", state: "active", reason: .snapshotInStatement, certainty: .likely),
                ]),
            ])
        let migration = MigrationPlan.Migration(
            version: "1", name: "x", file: "a/b.sql", transactional: false, planned: true,
            units: [MigrationPlan.Unit(ExecutionUnit(kind: .block, statements: 0..<3))], statements: [statement], findings: [])
        let plan = MigrationPlan(postgresVersion: 16, connected: true, migrations: [migration, migration])
        try checkRoundTrip(plan)
        let empty = MigrationPlan(postgresVersion: 17, connected: false, migrations: [])
        try checkRoundTrip(empty)
    }
}
