import OnlineDDLAnalysis
import OnlineDDLParsing

/// What the migration set itself shows about the schema before (or around) a statement:
/// the tables and indexes it creates, the column types it declares, the constraints it adds
/// and validates. Offline, this is all onlineddl knows; anything else is assumed to exist
/// already and to be in use. Built once per file (``LintContext/history``) and shared by
/// every rule and statement.
final class SchemaHistory: Sendable {
    /// What the earlier files did, indexed by table name.
    private let earlier: EarlierMigrations
    /// The analyses of the current file, in order.
    private let current: [StatementAnalysis]
    /// What the current file creates.
    private let created: CurrentFileSchema

    init(earlier: EarlierMigrations, current: [StatementAnalysis]) {
        self.earlier = earlier
        self.current = current
        created = CurrentFileSchema(current)
    }

    /// Calls `body` with the facts of the earlier files' statements that create, alter or
    /// index a table named like `table`, then with those of the current file's first `index`
    /// statements, in order.
    private func forEachFact(about table: RelationName, before index: Int, _ body: (StatementFacts) -> Void) {
        for facts in earlier.facts(aboutTableNamed: table.name) { body(facts) }
        for analysis in current.prefix(index) { body(analysis.facts) }
    }

    /// Whether the table is created by a statement of this file before statement `index`:
    /// nobody else can see it yet, so its locks block nothing.
    func isNewTable(_ table: RelationName, before index: Int) -> Bool {
        CurrentFileSchema.contains(table, before: index, in: created.tables)
    }

    /// Whether the index is created by a statement of this file before statement `index`.
    func isNewIndex(_ index: RelationName, before statementIndex: Int) -> Bool {
        CurrentFileSchema.contains(index, before: statementIndex, in: created.indexes)
    }

    /// The column's type as the migration set last declared it before statement `index`, if it did.
    func columnType(_ table: RelationName, _ column: String, before index: Int) -> SQLTypeName? {
        var type: SQLTypeName?
        forEachFact(about: table, before: index) { facts in
            if let created = facts.createTable, created.table.isSameRelation(as: table) {
                type = created.columns.first { $0.name == column }?.type ?? type
            }
            for command in subcommands(of: facts, on: table) {
                if let added = command.newColumn, added.name == column { type = added.type }
                if let change = command.typeChange, change.column == column { type = change.newType }
            }
        }
        return type
    }

    /// Whether a valid `CHECK (column IS NOT NULL)` on the table exists before statement
    /// `index`: added without `NOT VALID`, or validated later, and not dropped since.
    func hasValidNotNullCheck(_ table: RelationName, _ column: String, before index: Int) -> Bool {
        var valid: Set<String> = []
        var pending: Set<String> = []
        var unnamedValid = false
        forEachFact(about: table, before: index) { facts in
            if let created = facts.createTable, created.table.isSameRelation(as: table) {
                unnamedValid = unnamedValid || created.constraints.contains { $0.notNullColumns.contains(column) }
            }
            for command in subcommands(of: facts, on: table) {
                switch command.kind {
                case .addConstraint:
                    guard let constraint = command.constraint, constraint.notNullColumns.contains(column) else { continue }
                    guard let name = constraint.name else {
                        unnamedValid = unnamedValid || !constraint.notValid
                        continue
                    }
                    if constraint.notValid { pending.insert(name) } else { valid.insert(name) }
                case .validateConstraint:
                    if let name = command.objectName, pending.remove(name) != nil { valid.insert(name) }
                case .dropConstraint:
                    if let name = command.objectName { valid.remove(name) }
                default:
                    break
                }
            }
        }
        return unnamedValid || !valid.isEmpty
    }

    /// The key columns of every index of the table that the whole migration set creates
    /// (earlier files and all of this one) and that a lookup on those columns can use: plain
    /// B-tree indexes by their leading columns, single-column hash indexes, and the indexes of
    /// `PRIMARY KEY` and `UNIQUE` constraints.
    func indexedColumnLists(of table: RelationName) -> [[String]] {
        var lists: [[String]] = []
        for indexed in earlier.indexedColumns(onTableNamed: table.name) where indexed.table.isSameRelation(as: table) {
            lists.append(indexed.columns)
        }
        for indexed in created.indexedColumns where indexed.table.isSameRelation(as: table) {
            lists.append(indexed.columns)
        }
        return lists
    }

    /// The usable index key columns one statement creates, with their table.
    static func indexedColumns(createdBy facts: StatementFacts) -> [IndexedColumns] {
        if let index = facts.createIndex, !index.isPartial {
            let usable = index.accessMethod == "btree" || (index.accessMethod == "hash" && index.columns.count == 1)
            return usable && !index.leadingColumns.isEmpty ? [IndexedColumns(table: index.table, columns: index.leadingColumns)] : []
        }
        if let created = facts.createTable {
            return (created.constraints + created.columns.flatMap(\.constraints)).compactMap(Self.indexedColumns)
                .map { IndexedColumns(table: created.table, columns: $0) }
        }
        guard let alter = facts.alterTable else { return [] }
        return alter.subcommands.flatMap { command in
            ([command.constraint].compactMap { $0 } + (command.newColumn?.constraints ?? [])).compactMap(Self.indexedColumns)
        }.map { IndexedColumns(table: alter.relation, columns: $0) }
    }

    private static func indexedColumns(of constraint: TableConstraint) -> [String]? {
        (constraint.kind == .primaryKey || constraint.kind == .unique) && !constraint.columns.isEmpty ? constraint.columns : nil
    }

    private func subcommands(of facts: StatementFacts, on table: RelationName) -> [AlterTableSubcommand] {
        guard let alter = facts.alterTable, alter.relation.isSameRelation(as: table) else { return [] }
        return alter.subcommands
    }
}

/// Key columns of an index a migration creates, usable for lookups, and its table.
struct IndexedColumns: Sendable {
    let table: RelationName
    let columns: [String]
}
