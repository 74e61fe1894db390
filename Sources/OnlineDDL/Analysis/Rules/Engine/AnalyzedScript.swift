/// A parsed migration file with the analysis of each of its statements.
public struct AnalyzedScript: Sendable {
    /// The parsed file.
    public let script: SQLScript
    /// One analysis per statement, in the same order as `script.statements`.
    public let analyses: [StatementAnalysis]

    /// Pairs a script with analyses already made; `analyses` must have one entry per statement.
    /// For each table name, the statements that create it, alter it or index it, in order:
    /// later files look up what this one did to a table without scanning every statement.
    let statementsByTableName: [String: [Int]]
    /// For each table name, the usable index key columns this file creates on it.
    let indexedColumnsByTableName: [String: [IndexedColumns]]

    public init(script: SQLScript, analyses: [StatementAnalysis]) {
        precondition(analyses.count == script.statements.count, "one analysis per statement")
        self.script = script
        self.analyses = analyses
        var byTable: [String: [Int]] = [:]
        for (index, analysis) in analyses.enumerated() {
            let facts = analysis.facts
            let tables = [facts.createTable?.table, facts.createIndex?.table, facts.alterTable?.relation].compactMap { $0?.name }
            for table in Set(tables) { byTable[table, default: []].append(index) }
        }
        statementsByTableName = byTable
        indexedColumnsByTableName = Dictionary(
            grouping: analyses.flatMap { SchemaHistory.indexedColumns(createdBy: $0.facts) }, by: \.table.name)
    }

    /// Analyzes every statement of `script` for a PostgreSQL major version.
    public init(script: SQLScript, postgresMajorVersion: Int) {
        let analyzer = StatementAnalyzer(postgresMajorVersion: postgresMajorVersion)
        self.init(script: script, analyses: script.statements.map(analyzer.analyze))
    }

    /// Each statement with its index and analysis.
}

/// One statement as rules see it: its place in the file, its text and its analysis.
struct LintStatement: Sendable {
    /// The 0-based index in the file.
    let index: Int
    /// The parsed statement.
    let sql: SQLStatement
    /// What it locks and does.
    let analysis: StatementAnalysis

    var facts: StatementFacts { analysis.facts }

    /// The statement's `ALTER TABLE` facts and the lock it takes on the table, when the table
    /// existed before this file (a table the file itself created is still invisible to
    /// everyone else, so altering it blocks nobody).
    func alterOfExistingTable(in context: LintContext) -> (alter: AlterTableFacts, lock: LockImpact)? {
        guard let alter = facts.alterTable,
              !SchemaHistory(context).isNewTable(alter.relation, before: index) else { return nil }
        return (alter, LockImpact(mode: analysis.strongestMode(on: alter.relation) ?? .accessExclusive))
    }

    /// The strongest lock the statement holds on a named relation beyond a name lookup.
    var strongestLock: RelationLockRequest? {
        analysis.lockRequests.filter { $0.duration != .released }.max { $0.mode < $1.mode }
    }

    /// Whether the statement does more than control the transaction or set a parameter.
    var doesWork: Bool { facts.transactionControl == nil && facts.sessionSetting == nil }
}
