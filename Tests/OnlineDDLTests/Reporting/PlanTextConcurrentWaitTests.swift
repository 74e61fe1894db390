import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLocking
@testable import OnlineDDLPlanning
@testable import OnlineDDLReporting

@Suite("Reporting: a CONCURRENTLY statement's predicted waits in text and GitHub annotations")
struct PlanTextConcurrentWaitTests {
    static let plan: MigrationPlan = {
        let waits = [
            ConcurrentWait(phase: .writersBeforeBuild, relation: "public.a", sessions: [
                WaitedSession(pid: nil, preparedTransaction: "p1", transactionAgeSeconds: 90, reason: .holdsLock,
                              mode: .rowExclusive, certainty: .certain),
            ]),
            ConcurrentWait(phase: .oldSnapshots, relation: nil, sessions: [
                WaitedSession(pid: 42, applicationName: "report", state: "idle in transaction", transactionAgeSeconds: 12,
                              reason: .snapshotIdleInTransaction, certainty: .certain),
                WaitedSession(pid: 43, state: "active", reason: .snapshotInStatement, certainty: .likely),
            ]),
            ConcurrentWait(phase: .readersBeforeMarkingDead, relation: "public.a", sessions: []),
        ]
        let statement = MigrationPlan.Statement(
            line: 1, column: 1, sql: "REINDEX INDEX CONCURRENTLY a_i", transactional: false,
            locks: [RelationLock(relation: "public.a", mode: .shareUpdateExclusive)], rewrite: .scan, size: nil,
            unclassified: nil, findings: [], prediction: nil, unit: 1, concurrentWaits: waits)
        let migration = MigrationPlan.Migration(
            version: "1", name: "x", file: "db/1_x.sql", transactional: false, planned: true,
            units: [MigrationPlan.Unit(ExecutionUnit(kind: .statement, statements: 0..<1))], statements: [statement], findings: [])
        return MigrationPlan(postgresVersion: 15, connected: true, migrations: [migration])
    }()

    @Test func eachWaitedTransactionIsALineAfterThePrediction() {
        let text = PlanTextReport.render(Self.plan)
        #expect(text.contains("""
                  then waiting for writers before build on public.a: prepared transaction 'p1', transaction 1 m 30 s old: \
            holds RowExclusiveLock on the table (a prepared transaction: until COMMIT PREPARED or ROLLBACK PREPARED)
                  then waiting for old snapshots: pid 42, idle in transaction, transaction 12.0 s old, app report: holds a \
            snapshot while idle in transaction (REPEATABLE READ or SERIALIZABLE, or an open cursor)
                  then waiting for old snapshots: pid 43, active: runs a statement that holds a snapshot (if it still runs then)
                  then waiting for readers before marking dead on public.a: nobody now

            """), "\(text)")
    }

    @Test func eachPhaseThatWaitsIsAnAnnotation() {
        #expect(GitHubAnnotations.render(Self.plan) == """
            ::warning file=db/1_x.sql,line=1,col=1,title=onlineddl concurrent wait::Would wait (waiting for writers before build) \
            for prepared transaction 'p1'
            ::warning file=db/1_x.sql,line=1,col=1,title=onlineddl concurrent wait::Would wait (waiting for old snapshots) \
            for pid 42, pid 43

            """)
    }
}
