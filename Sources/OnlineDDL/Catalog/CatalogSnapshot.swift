import OnlineDDLParsing

/// The part of a database's catalog that decides which relations a statement locks and what
/// its scans cost: every relation outside other sessions' temporary and TOAST schemas, with
/// its kind, size, inheritance, indexes and owned sequences; constraints; view dependencies;
/// extended statistics; and the session's `search_path`.
///
/// A snapshot is a plain value: ``read(from:)`` fills it with a fixed handful of queries, and
/// ``CatalogResolver`` uses it without touching the database, so tests can build one by hand.
public struct CatalogSnapshot: Hashable, Sendable {
    /// The server's major version, such as 15.
    public let serverMajorVersion: Int
    /// The schemas an unqualified name is looked up in, in order (`current_schemas(true)`:
    /// the session's temporary schema and `pg_catalog` included where PostgreSQL puts them).
    public let searchPath: [String]
    /// Every relation, by OID.
    public let relations: [RelationID: CatalogRelation]
    /// Every constraint on the relations.
    public let constraints: [CatalogConstraint]
    /// What views and materialized views read.
    public let viewDependencies: [ViewDependency]
    /// Extended-statistics objects.
    public let statistics: [CatalogStatistics]

    private let idsByName: [RelationName: RelationID]
    private let childrenByParent: [RelationID: [RelationID]]
    private let indexesByTable: [RelationID: [RelationID]]
    private let sequencesByOwner: [RelationID: [RelationID]]

    /// Creates a snapshot from its parts.
    public init(
        serverMajorVersion: Int, searchPath: [String], relations: [CatalogRelation],
        constraints: [CatalogConstraint] = [], viewDependencies: [ViewDependency] = [],
        statistics: [CatalogStatistics] = []
    ) {
        self.serverMajorVersion = serverMajorVersion
        self.searchPath = searchPath
        self.relations = Dictionary(relations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.constraints = constraints
        self.viewDependencies = viewDependencies
        self.statistics = statistics
        // Positions sorted by OID, not the relations themselves: they are large values.
        let ordered = relations.indices.sorted { relations[$0].id < relations[$1].id }
        idsByName = Dictionary(ordered.map { (relations[$0].name, relations[$0].id) }, uniquingKeysWith: { first, _ in first })
        var children: [RelationID: [RelationID]] = [:]
        var indexes: [RelationID: [RelationID]] = [:]
        var sequences: [RelationID: [RelationID]] = [:]
        for position in ordered {
            let id = relations[position].id
            for parent in relations[position].parents { children[parent, default: []].append(id) }
            if let table = relations[position].indexedTable { indexes[table, default: []].append(id) }
            if let owner = relations[position].owningTable { sequences[owner, default: []].append(id) }
        }
        childrenByParent = children
        indexesByTable = indexes
        sequencesByOwner = sequences
    }

    // MARK: Names

    /// The relation a name denotes, as PostgreSQL resolves it: a qualified name in its schema,
    /// an unqualified one in the first schema of ``searchPath`` that has it.
    public func relation(named name: RelationName) -> CatalogRelation? {
        id(of: name).flatMap { relations[$0] }
    }

    /// The OID a name denotes (see ``relation(named:)``).
    public func id(of name: RelationName) -> RelationID? {
        if name.schema != nil { return idsByName[name] }
        for schema in searchPath {
            if let id = idsByName[RelationName(schema: schema, name: name.name)] { return id }
        }
        return nil
    }

    /// The statistics object a possibly unqualified name denotes.
    public func statistics(named name: RelationName) -> CatalogStatistics? {
        let schemas = name.schema.map { [$0] } ?? searchPath
        for schema in schemas {
            if let found = statistics.first(where: { $0.name == RelationName(schema: schema, name: name.name) }) {
                return found
            }
        }
        return nil
    }

    // MARK: Links between relations

    /// Direct inheritance children and partitions, in OID order.
    public func children(of id: RelationID) -> [RelationID] {
        childrenByParent[id] ?? []
    }

    /// All inheritance children and partitions, breadth first as `find_all_inheritors`
    /// returns them, each once.
    public func descendants(of id: RelationID) -> [RelationID] {
        var found: [RelationID] = []
        var seen: Set<RelationID> = [id]
        var queue = [id]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for child in children(of: next) where seen.insert(child).inserted {
                found.append(child)
                queue.append(child)
            }
        }
        return found
    }

    /// The indexes of a table or materialized view, in OID order.
    public func indexes(of id: RelationID) -> [RelationID] {
        indexesByTable[id] ?? []
    }

    /// The sequences owned by a table's columns, in OID order.
    public func ownedSequences(of id: RelationID) -> [RelationID] {
        sequencesByOwner[id] ?? []
    }

    /// The foreign keys defined on a table.
    public func foreignKeys(of id: RelationID) -> [CatalogConstraint] {
        constraints.filter { $0.kind == .foreignKey && $0.table == id }
    }

    /// The foreign keys that reference a table.
    public func foreignKeys(referencing id: RelationID) -> [CatalogConstraint] {
        constraints.filter { $0.kind == .foreignKey && $0.referencedTable == id }
    }

    /// The constraint of a table with this name, if any.
    public func constraint(named name: String, on table: RelationID) -> CatalogConstraint? {
        constraints.first { $0.table == table && $0.name == name }
    }

    /// The relations a view or materialized view reads directly.
    public func baseRelations(of view: RelationID) -> [RelationID] {
        unique(viewDependencies.filter { $0.view == view }.map(\.relation))
    }

    /// The views and materialized views that read a relation (any column, when `column` is
    /// `nil`), directly.
    public func dependentViews(of relation: RelationID, column: String? = nil) -> [RelationID] {
        unique(viewDependencies
            .filter { $0.relation == relation && (column == nil || $0.column == column) }
            .map(\.view))
    }

    private func unique(_ ids: [RelationID]) -> [RelationID] {
        var seen: Set<RelationID> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
