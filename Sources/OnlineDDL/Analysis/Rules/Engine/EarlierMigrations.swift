/// What the files that run before the one being linted did to each table, indexed by table
/// name as they are added: rules look up one table's history without going through every
/// earlier file. Build it file by file with ``append(_:)``, in the order the files run.
public struct EarlierMigrations: Sendable {
    /// For each table name, the facts of the statements that create it, alter it or index
    /// it, in order.
    private var factsByTableName: [String: [StatementFacts]] = [:]
    /// For each table name, the usable index key columns created on it, in order.
    private var indexedColumnsByTableName: [String: [IndexedColumns]] = [:]

    /// No earlier files.
    public init() {}

    /// The given files, in the order they run.
    public init(_ scripts: [AnalyzedScript]) {
        for script in scripts { append(script) }
    }

    /// Adds the file that runs after those already added.
    public mutating func append(_ script: AnalyzedScript) {
        for analysis in script.analyses {
            let facts = analysis.facts
            let tables = [facts.createTable?.table, facts.createIndex?.table, facts.alterTable?.relation].compactMap { $0?.name }
            for table in Set(tables) { factsByTableName[table, default: []].append(facts) }
            for indexed in SchemaHistory.indexedColumns(createdBy: facts) {
                indexedColumnsByTableName[indexed.table.name, default: []].append(indexed)
            }
        }
    }

    /// The facts of the earlier statements that create, alter or index a table of this name
    /// (in any schema), in order.
    func facts(aboutTableNamed name: String) -> [StatementFacts] {
        factsByTableName[name] ?? []
    }

    /// The usable index key columns the earlier files create on a table of this name (in
    /// any schema), in order.
    func indexedColumns(onTableNamed name: String) -> [IndexedColumns] {
        indexedColumnsByTableName[name] ?? []
    }
}
