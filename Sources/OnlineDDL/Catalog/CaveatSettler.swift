import OnlineDDLAnalysis

/// Settles an analysis's ``CatalogCaveat``s against a snapshot, and derives the data work and
/// transaction-block rule that follow.
struct CaveatSettler {
    let catalog: CatalogSnapshot
    let analysis: StatementAnalysis

    func settle(_ caveat: CatalogCaveat) -> SettledCaveat {
        SettledCaveat(caveat: caveat, verdict: verdict(on: caveat))
    }

    private func verdict(on caveat: CatalogCaveat) -> SettledCaveat.Verdict {
        switch caveat {
        case .notNullScanSkippable(let column):
            return notNullVerdict(column: column)
        case .typeChangeRewriteDependsOnOldType(let column, _):
            return typeChangeVerdict(column: column)
        case .domainTypeMayForceRewrite:
            return .unsettled("domains and their constraints are not read from the catalog")
        case .partitionScanSkippable:
            return .unsettled("proving the partition constraint from CHECK constraints is not modelled")
        case .defaultPartitionScanned(let parent):
            guard let table = catalog.relation(named: parent) else { return .unsettled("\(parent) is not in the catalog") }
            return table.defaultPartition == nil
                ? .overturned("\(table.name) has no default partition")
                : .holds("\(table.name) has a default partition")
        case .primaryKeyScansNullableColumns(let name):
            guard let index = catalog.relation(named: name), let table = index.indexedTable.flatMap({ catalog.relations[$0] }) else {
                return .unsettled("\(name) is not in the catalog")
            }
            let nullable = index.indexKeyColumns.contains { key in key.flatMap(table.column(named:))?.isNotNull != true }
            return nullable ? .holds("a key column of \(index.name) is nullable") : .overturned("every key column of \(index.name) is NOT NULL")
        case .notTransactionalIfPartitioned(let name):
            guard let relation = catalog.relation(named: name) else { return .unsettled("\(name) is not in the catalog") }
            let partitioned = relation.kind == .partitionedTable || relation.kind == .partitionedIndex
            return partitioned ? .holds("\(relation.name) is partitioned") : .overturned("\(relation.name) is not partitioned")
        case .lockedOnlyIfExists(let name):
            return catalog.relation(named: name) == nil ? .overturned("\(name) does not exist yet") : .holds("\(name) exists")
        case .dependsOnConstraintType(let tableName, let name):
            guard let table = catalog.relation(named: tableName),
                  let constraint = catalog.constraint(named: name, on: table.id) else {
                return .unsettled("constraint \(name) on \(tableName) is not in the catalog")
            }
            return constraint.kind == .foreignKey
                ? .holds("\(name) is a foreign key")
                : .overturned("\(name) is not a foreign key")
        }
    }

    private var alteredTable: CatalogRelation? {
        analysis.facts.alterTable.flatMap { catalog.relation(named: $0.relation) }
    }

    private func notNullVerdict(column name: String) -> SettledCaveat.Verdict {
        guard let table = alteredTable, let column = table.column(named: name) else {
            return .unsettled("column \(name) is not in the catalog")
        }
        if column.isNotNull { return .overturned("\(name) is already NOT NULL") }
        if analysis.postgresMajorVersion >= 12,
           let proof = catalog.constraints.first(where: {
               $0.table == table.id && $0.kind == .check && $0.isValidated && $0.provesNotNull.contains(name)
           }) {
            return .overturned("the valid CHECK constraint \(proof.name) proves \(name) IS NOT NULL")
        }
        return .holds("nothing proves \(name) has no NULLs")
    }

    private func typeChangeVerdict(column name: String) -> SettledCaveat.Verdict {
        guard let table = alteredTable, let column = table.column(named: name),
              let change = analysis.facts.alterTable?.subcommands.compactMap(\.typeChange).first(where: { $0.column == name })
        else { return .unsettled("column \(name) is not in the catalog") }
        return change.requiresRewrite(from: column.type)
            ? .holds("\(column.type) to \(change.newType) rewrites")
            : .overturned("\(column.type) to \(change.newType) is binary-coercible")
    }

    /// The analysis's data work, with subcommands whose scan or rewrite a caveat overturned
    /// counted as catalog-only, and the default partition's scan added when it holds.
    func dataWork(given settled: [SettledCaveat]) -> DataWork {
        let overturned = Set(settled.filter(\.isOverturned).map(\.caveat))
        var work = analysis.dataWork
        if let alter = analysis.facts.alterTable {
            work = alter.subcommands.map { subcommand in
                let lifted = overturned.contains { caveat in
                    switch caveat {
                    case .notNullScanSkippable(let column): subcommand.kind == .setNotNull && subcommand.column == column
                    case .typeChangeRewriteDependsOnOldType(let column, _): subcommand.typeChange?.column == column
                    default: false
                    }
                }
                return lifted ? .none("the catalog shows no scan or rewrite is needed") : subcommand.dataWork
            }.reduce(.none("catalog changes only")) { $0.combined(with: $1) }
        }
        for caveat in settled {
            if case .defaultPartitionScanned(let parent) = caveat.caveat, case .holds = caveat.verdict {
                work = work.combined(with: .scan("scans the default partition of \(parent) for rows of the new partition"))
            }
        }
        return work
    }

    /// Whether the statement may run in a transaction block, once a partitioned relation is known.
    func transactional(given settled: [SettledCaveat]) -> Bool {
        analysis.transactional && !settled.contains {
            if case .notTransactionalIfPartitioned = $0.caveat, case .holds = $0.verdict { return true }
            return false
        }
    }
}
