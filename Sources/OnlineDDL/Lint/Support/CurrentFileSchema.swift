import OnlineDDLAnalysis
import OnlineDDLParsing

/// What the file being linted creates, each with the index of the statement that creates
/// it: read once per file, so rules ask "created earlier in this file?" without going
/// through the statements again.
struct CurrentFileSchema: Sendable {
    /// A relation the file creates and the statement that creates it.
    struct Created: Sendable {
        let statement: Int
        let relation: RelationName
    }

    /// The tables, in order.
    let tables: [Created]
    /// The indexes that have a name, in order, in their table's schema.
    let indexes: [Created]
    /// The usable index key columns the file creates (see ``SchemaHistory/indexedColumnLists(of:)``).
    let indexedColumns: [IndexedColumns]

    init(_ analyses: [StatementAnalysis]) {
        var tables: [Created] = []
        var indexes: [Created] = []
        var indexedColumns: [IndexedColumns] = []
        for (statement, analysis) in analyses.enumerated() {
            let facts = analysis.facts
            if let created = facts.createTable {
                tables.append(Created(statement: statement, relation: created.table))
            }
            if let created = facts.createIndex, let name = created.indexName {
                indexes.append(Created(statement: statement, relation: created.table.sibling(named: name)))
            }
            indexedColumns += SchemaHistory.indexedColumns(createdBy: facts)
        }
        self.tables = tables
        self.indexes = indexes
        self.indexedColumns = indexedColumns
    }

    /// Whether a statement before `index` creates a relation named like `relation`.
    static func contains(_ relation: RelationName, before index: Int, in created: [Created]) -> Bool {
        created.contains { $0.statement < index && $0.relation.isSameRelation(as: relation) }
    }
}
