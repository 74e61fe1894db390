import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLParsing

@Suite("ExecutionPlan: a file's units and why it cannot run")
struct ExecutionPlanTests {
    private func plan(_ sql: String, noTransaction: Bool = false, version: Int = 15) throws -> ExecutionPlan {
        let script = try SQLScript(file: "m.sql", text: sql)
        return ExecutionPlan(
            script: script, analyses: AnalyzedScript(script: script, postgresMajorVersion: version).analyses,
            noTransaction: noTransaction)
    }

    private func units(_ sql: String, noTransaction: Bool = false) throws -> [String] {
        let plan = try plan(sql, noTransaction: noTransaction)
        #expect(plan.problems.isEmpty, "\(plan.problems)")
        return plan.units.map { "\($0.kind) \($0.statements.lowerBound + 1)-\($0.statements.upperBound)" }
    }

    /// The only problem of `sql`, checked to be at `line:column`.
    private func problem(
        _ sql: String, line: Int, column: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> ExecutionProblem {
        let problems = try plan(sql).problems
        try #require(problems.count == 1, "\(problems)", sourceLocation: sourceLocation)
        #expect(problems[0].location == SourceLocation(line: line, column: column), sourceLocation: sourceLocation)
        return problems[0]
    }

    @Test func aPlainTransactionalFileIsOneUnit() throws {
        #expect(try units("ALTER TABLE t ADD COLUMN a int; UPDATE t SET a = 1") == ["file 1-2"])
        #expect(try plan("SELECT 1").isOneTransaction)
        #expect(try units("") == ["file 1-0"])
    }

    @Test func theDirectiveOrAStatementThatCannotRunInABlockSplitsTheFileIntoStatements() throws {
        #expect(try units("SELECT 1; SELECT 2", noTransaction: true) == ["statement 1-1", "statement 2-2"])
        #expect(try units("ALTER TABLE t ADD COLUMN a int; CREATE INDEX CONCURRENTLY i ON t (a)")
            == ["statement 1-1", "statement 2-2"])
        #expect(try !plan("VACUUM t").isOneTransaction)
    }

    @Test func blocksAreUnitsAndStatementsOutsideThemStandAlone() throws {
        let sql = """
            SET lock_timeout = '1s';
            BEGIN ISOLATION LEVEL SERIALIZABLE;
            CREATE TYPE mood_new AS ENUM ('a', 'b');
            SAVEPOINT s;
            ALTER TABLE t ALTER COLUMN m TYPE mood_new USING m::text::mood_new;
            ROLLBACK TO SAVEPOINT s;
            RELEASE s;
            END;
            CREATE INDEX CONCURRENTLY i ON t (m);
            START TRANSACTION;
            DROP TYPE mood;
            COMMIT;
            """
        #expect(try units(sql) == ["statement 1-1", "block 2-8", "statement 9-9", "block 10-12"])
        #expect(try units(sql, noTransaction: true) == ["statement 1-1", "block 2-8", "statement 9-9", "block 10-12"])
        let plan = try plan(sql)
        #expect(plan.unit(containing: 4) == ExecutionUnit(kind: .block, statements: 1..<8))
        #expect(plan.transactionUnits.count == 2)
        #expect(!plan.isOneTransaction)
    }

    @Test func anUnterminatedBlockIsAnErrorAtItsBegin() throws {
        let found = try problem("SELECT 1;\n  BEGIN;\nSELECT 2;\n", line: 2, column: 3)
        #expect(found.kind == .unterminatedBlock)
        #expect(found.message.contains("BEGIN without COMMIT") && found.message.contains("add COMMIT"))
        // The lint rules still see the block, to the end of the file.
        #expect(try plan("SELECT 1;\nBEGIN;\nSELECT 2;").units.last == ExecutionUnit(kind: .block, statements: 1..<3))
    }

    @Test func aNestedBeginIsAnErrorAtIt() throws {
        let found = try problem("BEGIN;\nSELECT 1;\n BEGIN;\nSELECT 2;\nCOMMIT;", line: 3, column: 2)
        #expect(found.kind == .nestedBegin(outer: 0))
        #expect(found.message.contains("the BEGIN at line 1") && found.message.contains("remove this BEGIN"))
    }

    @Test func commitWithoutBeginIsAnErrorAtIt() throws {
        let found = try problem("SELECT 1; END;", line: 1, column: 11)
        #expect(found.kind == .commitWithoutBegin)
        #expect(found.message.contains("COMMIT without BEGIN"))
        #expect(try problem("BEGIN; COMMIT; COMMIT;", line: 1, column: 16).kind == .commitWithoutBegin)
    }

    @Test func commitAndChainIsAnError() throws {
        #expect(try problem("BEGIN;\nSELECT 1;\nCOMMIT AND CHAIN;\nSELECT 2;\nCOMMIT;", line: 3, column: 1).kind == .commitAndChain)
    }

    @Test func savepointsOutsideABlockAreErrors() throws {
        #expect(try problem("SELECT 1;\nSAVEPOINT s;", line: 2, column: 1).kind == .savepointOutsideBlock)
        #expect(try problem("RELEASE SAVEPOINT s;", line: 1, column: 1).kind == .savepointOutsideBlock)
        #expect(try problem("BEGIN; COMMIT; ROLLBACK TO s;", line: 1, column: 16).kind == .savepointOutsideBlock)
    }

    @Test func rollbackIsAnErrorThatSaysItDiscardsTheBlock() throws {
        let inBlock = try problem("BEGIN;\nDROP TABLE t;\nABORT;", line: 3, column: 1)
        #expect(inBlock.kind == .rollback)
        #expect(inBlock.message.contains("discards what the block opened at line 1 did"))
        #expect(try problem("DROP TABLE t;\nROLLBACK;", line: 2, column: 1).message.contains("the statements before it"))
    }

    @Test func twoPhaseCommitIsAnError() throws {
        #expect(try problem("BEGIN;\nSELECT 1;\nPREPARE TRANSACTION 'x';", line: 3, column: 1).kind == .preparedTransaction)
        #expect(try problem("COMMIT PREPARED 'x';", line: 1, column: 1).kind == .preparedTransaction)
        #expect(try problem("ROLLBACK PREPARED 'x';", line: 1, column: 1).kind == .preparedTransaction)
    }

    @Test func aStatementThatCannotRunInABlockInsideOneIsAnErrorAtIt() throws {
        let found = try problem("BEGIN;\nALTER TABLE t ADD COLUMN a int;\n  CREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;", line: 3, column: 3)
        #expect(found.kind == .cannotRunInBlock(begin: 0))
        #expect(found.message.contains("25001") && found.message.contains("the BEGIN at line 1"))
        #expect(found.message.contains("move it after the block's COMMIT"))
    }

    @Test func theCatalogSettledTransactionalDecides() throws {
        let script = try SQLScript(file: "m.sql", text: "REINDEX TABLE events;\nSELECT 1;")
        let offline = ExecutionPlan(
            script: script, analyses: AnalyzedScript(script: script, postgresMajorVersion: 15).analyses, noTransaction: false)
        #expect(offline.isOneTransaction)
        // Connected, the catalog shows events is partitioned: REINDEX cannot run in a block.
        let settled = ExecutionPlan(script: script, transactional: [false, true], noTransaction: false)
        #expect(settled.units.map(\.kind) == [.statement, .statement])
        let block = try SQLScript(file: "m.sql", text: "BEGIN;\nREINDEX TABLE events;\nCOMMIT;")
        let inBlock = ExecutionPlan(script: block, transactional: [true, false, true], noTransaction: false)
        #expect(inBlock.problems.map(\.kind) == [.cannotRunInBlock(begin: 0)])
        #expect(ExecutionPlan.structureProblem(in: block) == nil)
    }

    @Test func everyProblemOfAFileIsListedInOrder() throws {
        let problems = try plan("COMMIT;\nSAVEPOINT s;\nBEGIN;").problems
        #expect(problems.map(\.kind) == [.commitWithoutBegin, .savepointOutsideBlock, .unterminatedBlock])
        #expect(problems.map(\.location.line) == [1, 2, 3])
    }
}
