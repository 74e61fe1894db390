import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLLocking

@Suite("Lint: lock phrasing and SQL types")
struct RuleLockImpactTests {
    @Test func phrasesComeFromTheConflictTable() {
        #expect(LockImpact(mode: .accessExclusive).phrase(on: "t") == "AccessExclusiveLock (ACCESS EXCLUSIVE) on t, which blocks "
            + "reads and writes (SELECT, SELECT FOR UPDATE, INSERT, UPDATE, DELETE, VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY, "
            + "CREATE INDEX and ALTER TABLE)")
        #expect(LockImpact(mode: .share).phrase(on: "t") == "ShareLock (SHARE) on t, which blocks writes (INSERT, UPDATE, "
            + "DELETE, VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY and ALTER TABLE, but not SELECT, SELECT FOR UPDATE or CREATE INDEX)")
        #expect(LockImpact(mode: .shareUpdateExclusive).phrase(on: "t") == "ShareUpdateExclusiveLock (SHARE UPDATE EXCLUSIVE) "
            + "on t, which blocks schema changes and maintenance (VACUUM, ANALYZE, CREATE INDEX CONCURRENTLY, CREATE INDEX and "
            + "ALTER TABLE, but not SELECT, SELECT FOR UPDATE, INSERT, UPDATE or DELETE)")
        #expect(LockImpact(mode: .exclusive).blockedCategory == "writes")
        #expect(LockImpact(mode: .exclusive).allowedStatements == ["SELECT"])
    }

    @Test func everyModeBlocksExactlyTheClassesItConflictsWith() {
        for mode in LockMode.allCases {
            let blocked = LockImpact(mode: mode).blockedClasses.map(\.mode)
            #expect(blocked == LockImpact.StatementClass.allCases.map(\.mode).filter(mode.conflictingModes.contains), "\(mode)")
        }
    }

    @Test func typesAreWrittenBackAsSQL() {
        #expect(SQLText.type(SQLTypeName(schema: "pg_catalog", name: "int4")) == "integer")
        #expect(SQLText.type(SQLTypeName(schema: "pg_catalog", name: "varchar", modifiers: [50])) == "varchar(50)")
        #expect(SQLText.type(SQLTypeName(schema: "pg_catalog", name: "numeric", modifiers: [10, 2], arrayDimensions: 1)) == "numeric(10,2)[]")
        #expect(SQLText.type(SQLTypeName(schema: "pg_catalog", name: "interval", modifiers: [32767])) == "interval")
        #expect(SQLText.type(SQLTypeName(schema: "pg_catalog", name: "char")) == "\"char\"")
        #expect(SQLText.type(SQLTypeName(schema: "App", name: "email")) == "\"App\".email")
        #expect(SQLText.literal("it's") == "'it''s'")
    }
}
