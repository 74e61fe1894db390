import Foundation
import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing
@testable import OnlineDDLPlanning

/// `migrations-example/` plans offline without warnings or errors, and shows each safe
/// pattern its README describes, read from the plan and the statements' analyses.
@Suite("Migrations: migrations-example")
struct MigrationsExampleTests {
    /// One example file: its entry in the plan, and the analysis of each statement.
    struct File {
        let migration: MigrationPlan.Migration
        let analyzed: AnalyzedScript

        var facts: [StatementFacts] { analyzed.analyses.map(\.facts) }
        var subcommands: [(table: RelationName, command: AlterTableSubcommand)] {
            facts.compactMap(\.alterTable).flatMap { alter in alter.subcommands.map { (alter.relation, $0) } }
        }
        /// Whether the file's first comment is the `-- onlineddl:no-transaction` directive.
        var isNoTransaction: Bool { analyzed.script.comments.first?.text == "-- onlineddl:no-transaction" }
    }

    /// `migrations-example` in the package, found from this file's path.
    private static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("migrations-example").path

    private static let version = 15

    private func load() throws -> (plan: MigrationPlan, files: [File]) {
        let inputs = try MigrationDirectory(path: Self.directory).files.map { file in
            MigrationPlanner.Input(file: file, script: try file.parse())
        }
        let plan = MigrationPlanner(postgresMajorVersion: Self.version, linter: Linter(configuration: LintConfiguration()))
            .plan(inputs, connected: false)
        let files = try zip(plan.migrations, inputs).map { migration, input in
            File(migration: migration, analyzed: AnalyzedScript(script: try input.script.get(), postgresMajorVersion: Self.version))
        }
        return (plan, files)
    }

    /// Every subcommand that matches, with its file's position and its table, in file order.
    private func all(
        in files: [File], where matches: (RelationName, AlterTableSubcommand) -> Bool
    ) -> [(index: Int, table: RelationName, command: AlterTableSubcommand)] {
        files.enumerated().flatMap { index, file in
            file.subcommands.filter { matches($0.table, $0.command) }.map { (index, $0.table, $0.command) }
        }
    }

    /// The first matching subcommand in a file after position `start`.
    private func first(
        in files: [File], after start: Int = -1, where matches: (RelationName, AlterTableSubcommand) -> Bool
    ) -> (index: Int, table: RelationName, command: AlterTableSubcommand)? {
        all(in: files, where: matches).first { $0.index > start }
    }

    @Test func plansWithoutWarningsOrErrors() throws {
        let (plan, files) = try load()
        #expect(files.count >= 10)
        let serious = plan.allFindings.filter { $0.finding.severity >= .warning }
        #expect(serious.isEmpty, "\(serious.map { "\($0.file):\($0.finding.line) \($0.finding.rule)" })")
        #expect(files.allSatisfy { $0.analyzed.analyses.allSatisfy { $0.facts.rename == nil } }, "renames break deployed code")
    }

    @Test func buildsIndexesConcurrentlyInFilesOfTheirOwn() throws {
        let concurrent = try load().files.filter { $0.facts.contains { $0.createIndex?.isConcurrent == true } }
        #expect(!concurrent.isEmpty)
        for file in concurrent {
            #expect(!file.migration.transactional, "\(file.migration.file)")
            #expect(file.migration.statements.allSatisfy { !$0.transactional }, "\(file.migration.file) holds more than the index")
        }
    }

    @Test func addsAForeignKeyNotValidAndValidatesItInALaterFile() throws {
        let files = try load().files
        let added = try #require(first(in: files) { $1.constraint?.kind == .foreignKey && $1.constraint?.notValid == true })
        let name = try #require(added.command.constraint?.name)
        #expect(first(in: files, after: added.index) { $1.kind == .validateConstraint && $1.objectName == name } != nil)
    }

    @Test func setsNotNullAfterValidatingACheckThenDropsTheCheck() throws {
        let files = try load().files
        let added = try #require(first(in: files) { $1.constraint?.notValid == true && $1.constraint?.notNullColumns.isEmpty == false })
        let name = try #require(added.command.constraint?.name)
        let column = try #require(added.command.constraint?.notNullColumns.first)
        let validated = try #require(first(in: files, after: added.index) { $1.kind == .validateConstraint && $1.objectName == name })
        let notNull = try #require(first(in: files, after: validated.index) { $0.isSameRelation(as: added.table) && $1.kind == .setNotNull && $1.column == column })
        #expect(first(in: files, after: notNull.index) { $1.kind == .dropConstraint && $1.objectName == name } != nil)
    }

    @Test func attachesAPartitionWhoseBoundCheckWasValidatedBefore() throws {
        let files = try load().files
        let attached = try #require(first(in: files) { $1.kind == .attachPartition })
        let partition = try #require(attached.command.partition?.partition)
        let check = try #require(first(in: files) { $0.isSameRelation(as: partition) && $1.constraint?.kind == .check && $1.constraint?.notValid == true })
        let name = try #require(check.command.constraint?.name)
        let validated = try #require(first(in: files, after: check.index) { $0.isSameRelation(as: partition) && $1.kind == .validateConstraint && $1.objectName == name })
        #expect(validated.index < attached.index)
        let parentLock = files[attached.index].migration.statements.flatMap(\.locks).first { $0.relation == attached.table.description }
        #expect(parentLock?.mode == .shareUpdateExclusive)
    }

    @Test func addsAColumnWithAConstantDefault() throws {
        let files = try load().files
        let added = first(in: files) { _, command in
            guard let value = command.newColumn?.defaultExpression else { return false }
            return !value.isNullConstant && !value.volatility.isVolatile
        }
        #expect(added != nil)
    }

    @Test func renamesAColumnByExpandAndContract() throws {
        let files = try load().files
        let dropped = try #require(first(in: files) { $1.kind == .dropColumn })
        let added = try #require(all(in: files) { $0.isSameRelation(as: dropped.table) && $1.kind == .addColumn }
            .last { $0.index < dropped.index })
        #expect(added.command.newColumn?.name != dropped.command.column)
        let backfills = files[added.index..<dropped.index].filter { file in
            file.facts.contains { $0.query?.command == .update } || file.analyzed.analyses.contains { $0.nodeType == "CallStmt" }
        }
        #expect(!backfills.isEmpty)
    }

    @Test func backfillsInBatchesStatementByStatement() throws {
        let batched = try load().files.filter(\.isNoTransaction)
        let updates = batched.map { $0.facts.filter { $0.query?.command == .update && $0.query?.hasWhereClause == true }.count }
        #expect(updates.contains { $0 >= 2 }, "a no-transaction file with several ranged UPDATEs")
        #expect(batched.contains { $0.analyzed.analyses.contains { $0.nodeType == "CallStmt" } }, "a no-transaction file that CALLs a procedure")
    }
}
