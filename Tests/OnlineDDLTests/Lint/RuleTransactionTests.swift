import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLParsing

@Suite("Lint: transactions")
struct RuleTransactionTests {
    private func analyses(_ sql: String) throws -> [StatementAnalysis] {
        AnalyzedScript(script: try SQLScript(file: "m.sql", text: sql), postgresMajorVersion: 15).analyses
    }

    @Test func theSameTransactionIsTheSameUnit() throws {
        func transactions(_ sql: String) throws -> [String] {
            let context = LintContext(script: try SQLScript(file: "m.sql", text: sql), postgresMajorVersion: 15)
            return context.execution.transactionUnits.map { "\($0.kind) \($0.statements)" }
        }
        #expect(try transactions("SELECT 1; SELECT 2") == ["file 0..<2"])
        #expect(try transactions("DROP INDEX CONCURRENTLY i; SELECT 1").isEmpty)
        #expect(try transactions("VACUUM t; BEGIN; SELECT 1; COMMIT; SELECT 2; BEGIN; SELECT 3") == ["block 1..<4", "block 5..<7"])
        #expect(try transactions("SELECT 1; BEGIN; SELECT 2; ROLLBACK") == ["block 1..<4"])
    }

    @Test func blocksAreUnitsForValidateInSameTransaction() throws {
        let sql = """
            BEGIN;
            ALTER TABLE app.t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;
            COMMIT;
            BEGIN;
            ALTER TABLE app.t VALIDATE CONSTRAINT c;
            COMMIT;
            """
        #expect(try findings(of: "validate-in-same-transaction", in: sql).isEmpty)
        let together = "BEGIN;\nALTER TABLE app.t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;\nALTER TABLE app.t VALIDATE CONSTRAINT c;\nCOMMIT;"
        #expect(try findings(of: "validate-in-same-transaction", in: together).count == 1)
    }

    @Test func aBlockThenConcurrentlyIsNotMixed() throws {
        #expect(try findings(of: "mixed-transactional-statements", in: """
            BEGIN;
            ALTER TABLE t ADD COLUMN a int;
            COMMIT;
            CREATE INDEX CONCURRENTLY i ON t (a);
            """).isEmpty)
    }

    @Test func partitionedReindexInsideABlockIsAnErrorOnceTheCatalogSettlesIt() throws {
        let script = try SQLScript(file: "m.sql", text: "BEGIN;\nREINDEX TABLE app.events;\nCOMMIT;")
        let analyzed = AnalyzedScript(script: script, postgresMajorVersion: 15)
        #expect(Linter().lint(LintContext(analyzed, postgresMajorVersion: 15)).filter { $0.ruleID.rawValue == "concurrently-in-transaction" }.isEmpty)
        let settled = ExecutionPlan(script: script, transactional: [true, false, true], noTransaction: false)
        let found = Linter().lint(LintContext(analyzed, postgresMajorVersion: 15, execution: settled))
            .filter { $0.ruleID.rawValue == "concurrently-in-transaction" }
        #expect(found.map(\.location.line) == [2])
    }

    @Test func concurrentlyInsideBeginCommit() throws {
        let finding = try expectOneFinding(
            "concurrently-in-transaction", in: "BEGIN;\nCREATE INDEX CONCURRENTLY i ON app.t (a);\nCOMMIT;",
            severity: .error, line: 2, table: "app.t", lock: .shareUpdateExclusive)
        #expect(finding.message.contains("the BEGIN at line 1"))
        #expect(finding.safeAlternative == "-- outside BEGIN … COMMIT, in a migration file of its own:\nCREATE INDEX CONCURRENTLY i ON app.t (a);")
    }

    @Test func concurrentlyOutsideAnExplicitTransactionPasses() throws {
        #expect(try findings(of: "concurrently-in-transaction", in: "BEGIN; SELECT 1; COMMIT; CREATE INDEX CONCURRENTLY i ON t (a)").isEmpty)
    }

    @Test func mixedTransactionalStatements() throws {
        let finding = try expectOneFinding(
            "mixed-transactional-statements", in: "SET lock_timeout = '1s';\nALTER TABLE t ADD COLUMN a int;\nCREATE INDEX CONCURRENTLY i ON t (a);",
            severity: .warning, line: 3, table: "t", lock: .shareUpdateExclusive)
        #expect(finding.message.contains("line 2 (ALTER TABLE t ADD COLUMN a int)"))
        #expect(!finding.message.contains("lock_timeout"))
    }

    @Test func onlyNonTransactionalStatementsAndSettingsPass() throws {
        #expect(try findings(of: "mixed-transactional-statements", in: """
            SET lock_timeout = '1s';
            CREATE INDEX CONCURRENTLY i ON t (a);
            CREATE INDEX CONCURRENTLY j ON t (b);
            """).isEmpty)
    }

    @Test func lockHeldAfterAccessExclusive() throws {
        let finding = try expectOneFinding(
            "lock-held-after-access-exclusive", in: """
                SET lock_timeout = '1s';
                ALTER TABLE app.t ADD COLUMN a int;
                ALTER TABLE app.t ADD COLUMN b int;
                UPDATE app.u SET c = 1;
                """,
            severity: .warning, line: 2, table: "app.t", lock: .accessExclusive)
        #expect(finding.message.contains("the file runs in one transaction"))
        #expect(finding.message.contains("2 more statements run: line 3 (ALTER TABLE app.t ADD COLUMN b int) and line 4 (UPDATE app.u SET c = 1)"))
    }

    @Test func lockHeldInsideAnExplicitTransaction() throws {
        let finding = try expectOneFinding(
            "lock-held-after-access-exclusive",
            in: "CREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;\nDROP TABLE old;\nUPDATE t SET a = 1;\nCOMMIT;",
            severity: .warning, line: 3, table: "old", lock: .accessExclusive)
        #expect(finding.message.contains("it runs inside the BEGIN at line 2"))
        #expect(finding.message.contains("1 more statement runs"))
    }

    @Test func aLastOrLoneAccessExclusiveStatementPasses() throws {
        #expect(try findings(of: "lock-held-after-access-exclusive", in: "UPDATE u SET a = 1; ALTER TABLE t ADD COLUMN a int; COMMIT").isEmpty)
        #expect(try findings(of: "lock-held-after-access-exclusive", in: "CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN b int; INSERT INTO t VALUES (1)").isEmpty)
        #expect(try findings(of: "lock-held-after-access-exclusive", in: "ALTER TABLE t ADD COLUMN a int; CREATE INDEX CONCURRENTLY i ON t (a)").isEmpty)
    }
}
