import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLocking
@testable import OnlineDDLParsing

/// Parses one statement and analyzes it for a PostgreSQL major version.
func analyze(_ sql: String, version: Int = 15) throws -> StatementAnalysis {
    let script = try SQLScript(file: "test.sql", text: sql)
    guard script.statements.count == 1 else { throw AnalysisTestError.expectedOneStatement(script.statements.count) }
    return StatementAnalyzer(postgresMajorVersion: version).analyze(script.statements[0])
}

enum AnalysisTestError: Error {
    case expectedOneStatement(Int)
}

/// A compact rendering of lock steps for exact comparisons: `"t AE"` for a named relation,
/// `"?indexes(t) AE"` for a catalog lookup, with ` #2` for a later internal transaction,
/// ` session`, ` released` and ` nowait` when they apply.
func render(_ steps: [StatementLockStep]) -> [String] {
    steps.map { step in
        switch step {
        case .relation(let request):
            "\(request.relation) \(abbreviation(request.mode))"
                + suffix(transaction: request.transaction, duration: request.duration, noWait: request.noWait)
        case .catalog(let request):
            "?\(render(request.lookup)) \(abbreviation(request.mode))"
                + suffix(transaction: request.transaction, duration: request.duration, noWait: false)
        }
    }
}

private func suffix(transaction: Int, duration: LockHoldDuration, noWait: Bool) -> String {
    (transaction > 1 ? " #\(transaction)" : "")
        + (duration == .transaction ? "" : " \(duration.rawValue)")
        + (noWait ? " nowait" : "")
}

private func abbreviation(_ mode: LockMode) -> String {
    switch mode {
    case .accessShare: "AS"
    case .rowShare: "RS"
    case .rowExclusive: "RE"
    case .shareUpdateExclusive: "SUE"
    case .share: "S"
    case .shareRowExclusive: "SRE"
    case .exclusive: "E"
    case .accessExclusive: "AE"
    }
}

private func render(_ lookup: CatalogLookup) -> String {
    switch lookup {
    case .tableOfIndex(let index): "table-of(\(index))"
    case .descendants(let table): "descendants(\(table))"
    case .partitionParent(let table): "parent-of(\(table))"
    case .defaultPartition(let table): "default-partition(\(table))"
    case .referencedTableOfConstraint(let table, let constraint): "referenced-by(\(table).\(constraint))"
    case .referencingTables(let table): "referencing(\(table))"
    case .referencedTables(let table): "referenced(\(table))"
    case .foreignKeyPeersOfColumn(let table, let column): "fk-peers(\(table).\(column))"
    case .foreignKeyPeersOfPartitionedTable(let table): "fk-peers(\(table))"
    case .indexes(let table): "indexes(\(table))"
    case .viewBaseRelations(let view): "view-base(\(view))"
    case .tableOfStatistics(let name): "table-of-statistics(\(name))"
    case .ownedSequences(let table): "owned-sequences(\(table))"
    case .cascadeDependents(let object): "dependents(\(object))"
    case .partitions(let table): "partitions(\(table))"
    case .leafPartitions(let table): "leaf-partitions(\(table))"
    case .leafDescendants(let table): "leaf-descendants(\(table))"
    case .storageRelations(let table, let includingDescendants):
        includingDescendants ? "storage(\(table)*)" : "storage(\(table))"
    case .indexesOfEach(let inner): "indexes-of-each(\(render(inner)))"
    case .tablesOfEach(let inner): "tables-of-each(\(render(inner)))"
    case .indexesOnColumn(let table, let column): "indexes-on(\(table).\(column))"
    case .sequenceOfColumn(let table, let column): "sequence-of(\(table).\(column))"
    case .defaultSequences(let table, let supplied, let count):
        "default-sequences(\(table) supplied: \(supplied.isEmpty ? String(count) : supplied.joined(separator: ",")))"
    case .referencedTablesOfColumns(let table, let columns): "referenced(\(table) \(columns.joined(separator: ",")))"
    case .referencingTablesOfColumns(let table, let columns): "referencing(\(table) \(columns.joined(separator: ",")))"
    case .referencedTablesOfOwnForeignKeys(let table): "referenced-own(\(table))"
    case .defaultPartitionOfParent(let table): "sibling-default-partition(\(table))"
    }
}

/// Whether a statement may run inside a transaction block.
enum TransactionBlock: Sendable {
    case inTransaction
    case outsideTransaction
}

/// One row of a lock table: a statement, the version it is analyzed for, and the exact
/// expected lock sequence (see ``render(_:)``), transaction-block rule and data work.
struct LockCase: Sendable, CustomTestStringConvertible {
    let version: Int
    let sql: String
    let locks: [String]
    let transactionBlock: TransactionBlock
    let work: DataWork.Kind

    init(_ version: Int, _ sql: String, _ locks: [String], _ transactionBlock: TransactionBlock, _ work: DataWork.Kind) {
        self.version = version
        self.sql = sql
        self.locks = locks
        self.transactionBlock = transactionBlock
        self.work = work
    }

    var testDescription: String { "PG \(version): \(sql)" }

    /// Analyzes the statement and compares every expected value.
    func verify() throws {
        let analysis = try analyze(sql, version: version)
        #expect(analysis.classification == .classified)
        #expect(render(analysis.lockSteps) == locks)
        #expect(analysis.transactional == (transactionBlock == .inTransaction))
        #expect(analysis.dataWork.kind == work)
    }
}
