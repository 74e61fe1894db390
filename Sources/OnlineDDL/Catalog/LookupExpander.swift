import OnlineDDLAnalysis
import OnlineDDLParsing

/// Expands ``CatalogLookup``s into relations of a snapshot, in the order PostgreSQL visits them.
struct LookupExpander {
    let catalog: CatalogSnapshot
    /// The statement's facts: `CASCADE` lookups read which object was dropped from them.
    let facts: StatementFacts

    /// A relation reached through a view, with its part in the statement.
    struct ViewExpansion {
        let relation: CatalogRelation
        let role: LockRole
        let reason: String
    }

    /// The relations a lookup names; none when the relation it starts from is unknown.
    func relations(for lookup: CatalogLookup) -> [RelationID] {
        switch lookup {
        case .tableOfIndex(let index):
            return related(index) { catalog.relations[$0]?.indexedTable.map { [$0] } ?? [] }
        case .descendants(let relation):
            return related(relation) { catalog.descendants(of: $0) }
        case .partitionParent(let relation):
            return related(relation) { id in
                guard let partition = catalog.relations[id], partition.isPartition else { return [] }
                return partition.parents
            }
        case .defaultPartition(let table):
            return related(table) { catalog.relations[$0]?.defaultPartition.map { [$0] } ?? [] }
        case .referencedTableOfConstraint(let table, let name):
            return related(table) { id in
                catalog.constraint(named: name, on: id).flatMap(\.referencedTable).map { [$0] } ?? []
            }
        case .referencingTables(let table):
            return related(table) { id in unique(catalog.foreignKeys(referencing: id).map(\.table)) }
        case .referencedTables(let table):
            return related(table) { id in unique(catalog.foreignKeys(of: id).compactMap(\.referencedTable)) }
        case .foreignKeyPeersOfColumn(let table, let column):
            return related(table) { id in
                unique(catalog.foreignKeys(of: id).filter { $0.columns.contains(column) }.compactMap(\.referencedTable)
                    + catalog.foreignKeys(referencing: id).filter { $0.referencedColumns.contains(column) }.map(\.table))
            }
        case .foreignKeyPeersOfPartitionedTable(let table):
            return related(table) { id in
                unique(catalog.foreignKeys(of: id).compactMap(\.referencedTable)
                    + catalog.foreignKeys(referencing: id).map(\.table))
            }
        case .indexes(let relation):
            return related(relation) { catalog.indexes(of: $0) }
        case .viewBaseRelations(let view):
            return related(view) { id in viewExpansion(of: id, planned: false).map(\.relation.id) }
        case .tableOfStatistics(let name):
            let parts = name.split(separator: ".").map(String.init)
            let statistics = catalog.statistics(named: RelationName(schema: parts.dropLast().last, name: parts.last ?? ""))
            return statistics.map { [$0.table] } ?? []
        case .ownedSequences(let table):
            return related(table) { catalog.ownedSequences(of: $0) }
        case .cascadeDependents(let object):
            guard let root = cascadeRoot(object) else { return [] }
            return related(root.relation) { id in cascadeDependents(of: id, column: root.column) }
        case .partitions(let table):
            return related(table) { id in isPartitioned(id) ? catalog.descendants(of: id) : [] }
        case .leafPartitions(let table):
            return related(table) { id in isPartitioned(id) ? catalog.descendants(of: id).filter { !isPartitioned($0) } : [] }
        case .leafDescendants(let relation):
            return related(relation) { id in catalog.descendants(of: id).filter { !isPartitioned($0) } }
        case .storageRelations(let relation, let includingDescendants):
            return related(relation) { id in
                (isPartitioned(id) ? [] : [id])
                    + (includingDescendants ? catalog.descendants(of: id).filter { !isPartitioned($0) } : [])
            }
        case .indexesOfEach(let inner):
            return unique(relations(for: inner).flatMap { catalog.indexes(of: $0) })
        case .tablesOfEach(let inner):
            return unique(relations(for: inner).compactMap { catalog.relations[$0]?.indexedTable })
        case .indexesOnColumn(let table, let column):
            return related(table) { id in
                catalog.indexes(of: id).filter { catalog.relations[$0]?.indexKeyColumns.contains(column) == true }
            }
        case .sequenceOfColumn(let table, let column):
            return related(table) { id in
                catalog.ownedSequences(of: id).filter { catalog.relations[$0]?.owningColumn == column }
            }
        case .defaultSequences(let table, let supplied, let count):
            return related(table) { id in
                let columns = catalog.relations[id]?.columns ?? []
                let omitted = supplied.isEmpty
                    ? Array(columns.dropFirst(count)) : columns.filter { !supplied.contains($0.name) }
                return unique(omitted.compactMap(\.defaultSequence))
            }
        case .referencedTablesOfColumns(let table, let columns):
            return related(table) { id in
                unique(catalog.foreignKeys(of: id).filter { !$0.columns.allSatisfy { !columns.contains($0) } }
                    .compactMap(\.referencedTable))
            }
        case .referencingTablesOfColumns(let table, let columns):
            return related(table) { id in
                unique(catalog.foreignKeys(referencing: id).filter { !$0.referencedColumns.allSatisfy { !columns.contains($0) } }
                    .map(\.table))
            }
        case .referencedTablesOfOwnForeignKeys(let table):
            return related(table) { id in
                unique(catalog.foreignKeys(of: id).filter { !$0.isInherited }.compactMap(\.referencedTable))
            }
        case .defaultPartitionOfParent(let partition):
            return related(partition) { id in
                guard let relation = catalog.relations[id], relation.isPartition else { return [] }
                return relation.parents.compactMap { catalog.relations[$0]?.defaultPartition }.filter { $0 != id }
            }
        }
    }

    private func isPartitioned(_ id: RelationID) -> Bool {
        catalog.relations[id]?.kind == .partitionedTable
    }

    /// Whether the snapshot holds what a lookup needs: every lookup but `CASCADE` from an
    /// object that is not a relation or column (a type, an extension, a function).
    func canExpand(_ lookup: CatalogLookup) -> Bool {
        switch lookup {
        case .cascadeDependents(let object): cascadeRoot(object) != nil
        case .indexesOfEach(let inner), .tablesOfEach(let inner): canExpand(inner)
        default: true
        }
    }

    /// Whether the statement is a query, whose views the rewriter expands.
    func expandsViews(of analysis: StatementAnalysis) -> Bool {
        facts.query != nil || analysis.kind == .createTableAs
    }

    /// What the rewriter and planner lock for a view: its base relations, recursively through
    /// nested views, and when `planned`, the partitions and indexes of each base table.
    func viewExpansion(of view: RelationID, planned: Bool = true) -> [ViewExpansion] {
        var found: [ViewExpansion] = []
        var seen: Set<RelationID> = [view]
        var queue = [view]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            guard let current = catalog.relations[next], current.kind == .view || current.kind == .materializedView,
                  current.id == view || current.kind == .view else { continue }
            for base in catalog.baseRelations(of: next) where seen.insert(base).inserted {
                guard let relation = catalog.relations[base] else { continue }
                found.append(ViewExpansion(relation: relation, role: .source, reason: "read by the view \(current.name)"))
                queue.append(base)
                guard planned else { continue }
                for child in catalog.descendants(of: base) where seen.insert(child).inserted {
                    if let child = catalog.relations[child] {
                        found.append(ViewExpansion(relation: child, role: .descendant, reason: "partition of a view's base table"))
                    }
                }
                for index in catalog.indexes(of: base) where seen.insert(index).inserted {
                    if let index = catalog.relations[index] {
                        found.append(ViewExpansion(relation: index, role: .index, reason: "the planner opens every index"))
                    }
                }
            }
        }
        return found
    }

    // MARK: CASCADE

    private struct CascadeRoot {
        let relation: RelationName
        let column: String?
    }

    /// The relation (and column) a `CASCADE` lookup starts from, found in the statement's facts.
    private func cascadeRoot(_ object: String) -> CascadeRoot? {
        if let drop = facts.drop, let dropped = drop.objects.first(where: { $0.name == object }),
           let relation = dropped.relation, Self.relationDropTypes.contains(drop.objectType) {
            return CascadeRoot(relation: relation, column: nil)
        }
        if let alter = facts.alterTable,
           let subcommand = alter.subcommands.first(where: { "\(alter.relation).\($0.column ?? $0.objectName ?? "")" == object }) {
            return subcommand.kind == .dropColumn ? CascadeRoot(relation: alter.relation, column: subcommand.column) : nil
        }
        return nil
    }

    private static let relationDropTypes: Set<ObjectType> = [.table, .foreignTable, .view, .materializedView, .sequence]

    /// What `DROP … CASCADE` drops or changes along with a relation (or one of its columns):
    /// the views and materialized views reading it, recursively, with a materialized view's
    /// indexes; the tables whose foreign keys reference it; and for a sequence, the tables
    /// whose column defaults call it (the defaults are dropped).
    private func cascadeDependents(of id: RelationID, column: String?) -> [RelationID] {
        var found: [RelationID] = []
        var seen: Set<RelationID> = [id]
        if column == nil {
            let usersOfSequence = catalog.relations.values
                .filter { table in table.columns.contains { $0.defaultSequence == id } }
                .map(\.id).sorted()
            for table in catalog.foreignKeys(referencing: id).map(\.table) + usersOfSequence where seen.insert(table).inserted {
                found.append(table)
            }
        }
        var queue = catalog.dependentViews(of: id, column: column)
        while !queue.isEmpty {
            let view = queue.removeFirst()
            guard seen.insert(view).inserted else { continue }
            found.append(view)
            found += catalog.indexes(of: view).filter { seen.insert($0).inserted }
            queue += catalog.dependentViews(of: view)
        }
        return found
    }

    // MARK: Helpers

    private func related(_ name: RelationName, _ expand: (RelationID) -> [RelationID]) -> [RelationID] {
        catalog.id(of: name).map(expand) ?? []
    }

    private func unique(_ ids: [RelationID]) -> [RelationID] {
        var seen: Set<RelationID> = []
        return ids.filter { seen.insert($0).inserted }
    }
}
