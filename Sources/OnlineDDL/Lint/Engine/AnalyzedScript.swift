import OnlineDDLAnalysis
import OnlineDDLParsing

/// A parsed migration file with the analysis of each of its statements.
public struct AnalyzedScript: Sendable {
    /// The parsed file.
    public let script: SQLScript
    /// One analysis per statement, in the same order as `script.statements`.
    public let analyses: [StatementAnalysis]

    /// Pairs a script with analyses already made; `analyses` must have one entry per statement.
    public init(script: SQLScript, analyses: [StatementAnalysis]) {
        precondition(analyses.count == script.statements.count, "one analysis per statement")
        self.script = script
        self.analyses = analyses
    }

    /// Analyzes every statement of `script` for a PostgreSQL major version.
    public init(script: SQLScript, postgresMajorVersion: Int) {
        let analyzer = StatementAnalyzer(postgresMajorVersion: postgresMajorVersion)
        self.init(script: script, analyses: script.statements.map(analyzer.analyze))
    }
}

/// One statement as rules see it: its place in the file, its text and its analysis. A class,
/// so that handing it to each rule shares it instead of copying the text, tree and analysis.
final class LintStatement: Sendable {
    /// The 0-based index in the file.
    let index: Int
    /// The parsed statement.
    let sql: SQLStatement
    /// What it locks and does.
    let analysis: StatementAnalysis

    init(index: Int, sql: SQLStatement, analysis: StatementAnalysis) {
        self.index = index
        self.sql = sql
        self.analysis = analysis
    }

    var facts: StatementFacts { analysis.facts }

    /// The statement's `ALTER TABLE` facts and the lock it takes on the table, when the table
    /// existed before this file (a table the file itself created is still invisible to
    /// everyone else, so altering it blocks nobody).
    func alterOfExistingTable(in context: LintContext) -> (alter: AlterTableFacts, lock: LockImpact)? {
        guard let alter = facts.alterTable,
              !context.history.isNewTable(alter.relation, before: index) else { return nil }
        return (alter, LockImpact(mode: analysis.strongestMode(on: alter.relation) ?? .accessExclusive))
    }

    /// The strongest lock the statement holds on a named relation beyond a name lookup.
    var strongestLock: RelationLockRequest? {
        analysis.lockRequests.filter { $0.duration != .released }.max { $0.mode < $1.mode }
    }

    /// Whether the statement does more than control the transaction or set a parameter.
    var doesWork: Bool { facts.transactionControl == nil && facts.sessionSetting == nil }
}
