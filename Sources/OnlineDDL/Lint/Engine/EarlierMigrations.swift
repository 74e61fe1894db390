import OnlineDDLAnalysis

/// What the files that run before the one being linted did to each table, indexed by table
/// name as they are added: rules look up one table's history without going through every
/// earlier file. Build it file by file with ``append(_:)``, in the order the files run; or
/// add every file once and lint each with the view ``before(file:)``.
public struct EarlierMigrations: Sendable {
    /// Something a file did, with the file's number in the order they were added.
    private struct Entry<Value: Sendable>: Sendable {
        let file: Int
        let value: Value
    }

    /// For each table name, the facts of the statements that create it, alter it or index
    /// it, in order.
    private var factsByTableName: [String: [Entry<StatementFacts>]] = [:]
    /// For each table name, the usable index key columns created on it, in order.
    private var indexedColumnsByTableName: [String: [Entry<IndexedColumns>]] = [:]
    /// How many files were added.
    private var fileCount = 0
    /// How many of them, from the first, this value shows.
    private var visibleFileCount = 0

    /// No earlier files.
    public init() {}

    /// The given files, in the order they run.
    public init(_ scripts: [AnalyzedScript]) {
        for script in scripts { append(script) }
    }

    /// Adds the file that runs after those already added; every file added is shown.
    public mutating func append(_ script: AnalyzedScript) {
        for analysis in script.analyses {
            let facts = analysis.facts
            // A statement is one of these kinds at most, so it names at most one table here.
            if let table = facts.createTable?.table ?? facts.createIndex?.table ?? facts.alterTable?.relation {
                factsByTableName[table.name, default: []].append(Entry(file: fileCount, value: facts))
            }
            for indexed in SchemaHistory.indexedColumns(createdBy: facts) {
                indexedColumnsByTableName[indexed.table.name, default: []].append(Entry(file: fileCount, value: indexed))
            }
        }
        fileCount += 1
        visibleFileCount = fileCount
    }

    /// The same index showing only the files added before file number `file` (counting
    /// from 0): what that file's rules may see. It shares the storage, so it costs nothing.
    public func before(file: Int) -> EarlierMigrations {
        var view = self
        view.visibleFileCount = min(max(file, 0), fileCount)
        return view
    }

    /// The facts of the earlier statements that create, alter or index a table of this name
    /// (in any schema), in order.
    func facts(aboutTableNamed name: String) -> some Sequence<StatementFacts> {
        visible(factsByTableName[name] ?? []).lazy.map(\.value)
    }

    /// The usable index key columns the earlier files create on a table of this name (in
    /// any schema), in order.
    func indexedColumns(onTableNamed name: String) -> some Sequence<IndexedColumns> {
        visible(indexedColumnsByTableName[name] ?? []).lazy.map(\.value)
    }

    private func visible<Value>(_ entries: [Entry<Value>]) -> ArraySlice<Entry<Value>> {
        entries.prefix { $0.file < visibleFileCount }
    }
}
