import Testing
@testable import OnlineDDLCatalog
@testable import OnlineDDLLint
@testable import OnlineDDLLocking
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing
@testable import OnlineDDLPlanning

/// Which statements the planner resolves as `CONCURRENTLY` ones, and the tables whose
/// lockers they wait for.
@Suite("Planning: CONCURRENTLY statements and their tables")
struct PlannerConcurrentStatementTests {
    static let catalog = CatalogSnapshot(serverMajorVersion: 15, searchPath: ["public"], relations: [
        CatalogRelation(id: RelationID(10), name: RelationName(schema: "public", name: "a"), kind: .table),
        CatalogRelation(id: RelationID(11), name: RelationName(schema: "public", name: "a_i"), kind: .index,
                        indexedTable: RelationID(10), indexKeyColumns: ["id"]),
        CatalogRelation(id: RelationID(20), name: RelationName(schema: "public", name: "p"), kind: .partitionedTable),
        CatalogRelation(id: RelationID(21), name: RelationName(schema: "public", name: "p1"), kind: .table,
                        parents: [RelationID(20)], isPartition: true),
    ])

    static func concurrent(_ sql: String) throws -> ConcurrentStatement? {
        MigrationPlanner.resolved(through: catalog)(try analyze(sql)).concurrent
    }

    static let a = ConcurrentStatement.Table(name: "public.a", id: 10)

    @Test func eachConcurrentStatementNamesTheTableItWaitsOn() throws {
        #expect(try Self.concurrent("CREATE INDEX CONCURRENTLY ON a (id)") == ConcurrentStatement(kind: .createIndex, tables: [Self.a]))
        #expect(try Self.concurrent("REINDEX INDEX CONCURRENTLY a_i") == ConcurrentStatement(kind: .reindex, tables: [Self.a]))
        #expect(try Self.concurrent("REINDEX TABLE CONCURRENTLY a") == ConcurrentStatement(kind: .reindex, tables: [Self.a]))
        #expect(try Self.concurrent("DROP INDEX CONCURRENTLY a_i") == ConcurrentStatement(kind: .dropIndex, tables: [Self.a]))
        #expect(try Self.concurrent("ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY")
            == ConcurrentStatement(kind: .detachPartition, tables: [ConcurrentStatement.Table(name: "public.p", id: 20)]))
        #expect(try Self.concurrent("ALTER TABLE p DETACH PARTITION p1 FINALIZE") == ConcurrentStatement(kind: .detachFinalize, tables: []))
    }

    @Test func otherStatementsAreNotConcurrentOnes() throws {
        for sql in ["CREATE INDEX ON a (id)", "REINDEX INDEX a_i", "DROP INDEX a_i", "ALTER TABLE p DETACH PARTITION p1",
                    "REFRESH MATERIALIZED VIEW CONCURRENTLY a", "VACUUM a"] {
            #expect(try Self.concurrent(sql) == nil, "\(sql)")
        }
        // Offline, nothing is resolved and nothing predicted.
        #expect(MigrationPlanner.asWritten(try analyze("CREATE INDEX CONCURRENTLY ON a (id)")).concurrent == nil)
    }

    /// Plans one file per SQL text, connected to an empty lock table, counting the session reads.
    static func plan(_ files: [String]) throws -> (plan: MigrationPlan, reads: Int) {
        let inputs = try files.enumerated().map { index, sql in
            let file = MigrationFile(version: "\(index + 1)", name: "step", path: "db/\(index + 1)_step.sql", contents: Array(sql.utf8))
            return MigrationPlanner.Input(file: file, script: try file.parse())
        }
        let live = LiveLockTable(snapshot: LockSnapshot(locks: [], activity: [:], takenAt: 100, serverVersion: 150000))
        let sessions = ConcurrentWaitSnapshot(
            database: 5, backends: [ConcurrentWaitSnapshot.Backend(pid: 7, database: 5, state: "active", xmin: 10)],
            preparedTransactions: [], limitXmin: 10, takenAt: 100)
        var reads = 0
        let plan = MigrationPlanner(postgresMajorVersion: 15, linter: Linter()).plan(
            inputs, connected: true, resolve: MigrationPlanner.resolved(through: catalog), liveLocks: live,
            concurrentSessions: { () -> ConcurrentWaitSnapshot? in
                reads += 1
                return sessions
            })
        return (plan, reads)
    }

    @Test func sessionsAreReadOnceAndOnlyForAConcurrentStatement() throws {
        let ordinary = try Self.plan(["CREATE INDEX ON a (id);\nALTER TABLE a ADD COLUMN note text;"])
        #expect(ordinary.reads == 0)
        #expect(ordinary.plan.migrations[0].statements.allSatisfy { $0.concurrentWaits == nil })
        let two = try Self.plan(["CREATE INDEX CONCURRENTLY ON a (id);", "SELECT 1;\nDROP INDEX CONCURRENTLY a_i;"])
        #expect(two.reads == 1)
        let waits = two.plan.migrations.flatMap(\.statements).map { $0.concurrentWaits?.map(\.phase) }
        #expect(waits == [[.writersBeforeBuild, .oldSnapshots], nil, [.lockersOfTable]])
        #expect(two.plan.migrations[0].statements[0].concurrentWaits?.last?.sessions.map(\.pid) == [7])
    }
}
