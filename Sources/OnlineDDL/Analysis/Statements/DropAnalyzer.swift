import OnlineDDLParsing

/// `DROP` statements (tablecmds.c `RemoveRelations`, `RangeVarCallbackForDropRelation`;
/// dropcmds.c `RemoveObjects`; dependency.c `performMultipleDeletions`).
///
/// Each relation is locked in the order written, after its partitioned table (a partition)
/// or its table (an index). The objects that go with it (indexes, foreign-key triggers on
/// other tables, partitions, owned sequences, and under `CASCADE` every dependent) are
/// locked afterwards and depend on the catalog. A trigger, policy or rule is looked up under
/// `ACCESS SHARE` on its table, then removed under `ACCESS EXCLUSIVE`.
struct DropAnalyzer {
    let version: Int

    func analyze(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let objectType = body.objectType("removeType")
        let cascade = body.cascades
        let concurrent = body.flag("concurrent")
        let names = (body["objects"]?.elements ?? []).map(Self.nameParts(of:))
        let objects = names.map { parts in
            DroppedObject(name: parts.joined(separator: "."), relation: relation(of: parts, objectType: objectType))
        }
        builder.facts = .drop(DropFacts(
            objectType: objectType, objects: objects, cascade: cascade, concurrent: concurrent,
            missingOk: body.flag("missing_ok")))
        builder.record(.none("removes catalog entries and files; reads no rows"))
        let relations = objects.compactMap(\.relation)
        switch objectType {
        case .table, .foreignTable:
            dropTables(relations, into: &builder)
        case .view:
            relations.forEach { builder.lock($0, .accessExclusive, as: .view, "DROP VIEW") }
        case .materializedView:
            relations.forEach { builder.lock($0, .accessExclusive, as: .materializedView, "DROP MATERIALIZED VIEW") }
            relations.forEach { builder.lock(.indexes(of: $0), .accessExclusive, as: .index, "dropped with the materialized view") }
        case .sequence:
            relations.forEach { builder.lock($0, .accessExclusive, as: .sequence, "DROP SEQUENCE") }
        case .index:
            dropIndexes(relations, concurrent: concurrent, into: &builder)
        case .trigger, .policy, .rule:
            dropTableObjects(relations, objectType: objectType, into: &builder)
        case .statistics:
            if version >= 14 {
                objects.forEach {
                    builder.lock(.tableOfStatistics(name: $0.name), .shareUpdateExclusive, as: .target,
                                 "DROP STATISTICS locks the table (PostgreSQL 14+)")
                }
            }
        case .extension:
            objects.forEach {
                builder.lock(.cascadeDependents(of: $0.name), .accessExclusive, as: .dependent,
                             "the extension's member objects are dropped with it")
            }
        case .type, .domain, .function, .procedure, .routine, .aggregate, .schema, .collation, .conversion, .operator:
            // Removal locks no table unless `CASCADE` reaches one.
            break
        case .column, .tableConstraint, .domainConstraint, .role, .tablespace, .database, .language, .unknown:
            throw UnclassifiedStatement(reason: "DROP of \(objectType.parserName) is not modelled")
        }
        if cascade {
            objects.forEach {
                builder.lock(.cascadeDependents(of: $0.name), .accessExclusive, as: .dependent,
                             "CASCADE drops the objects that depend on it")
            }
        }
    }

    private func dropTables(_ tables: [RelationName], into builder: inout AnalysisBuilder) {
        for table in tables {
            builder.lock(.partitionParent(of: table), .accessExclusive, as: .parent,
                         "a partition's partitioned table is locked before the partition")
            builder.lock(table, .accessExclusive, as: .target, "DROP TABLE")
        }
        for table in tables {
            builder.lock(.descendants(of: table), .accessExclusive, as: .descendant,
                         "partitions are dropped with a partitioned table")
            builder.lock(.indexes(of: table), .accessExclusive, as: .index, "dropped with the table")
            builder.lock(.indexesOfEach(.descendants(of: table)), .accessExclusive, as: .index,
                         "the partitions' indexes are dropped with them")
            builder.lock(.defaultPartitionOfParent(of: table), .accessExclusive, as: .defaultPartition,
                         "dropping a partition changes the default partition's constraint")
            builder.lock(.referencedTablesOfOwnForeignKeys(of: table), .accessExclusive, as: .referencedTable,
                         "its foreign keys' triggers on the referenced tables are dropped")
            builder.lock(.ownedSequences(of: table), .accessExclusive, as: .sequence,
                         "sequences owned by its columns are dropped with it")
        }
    }

    private func dropIndexes(_ indexes: [RelationName], concurrent: Bool, into builder: inout AnalysisBuilder) {
        guard concurrent else {
            for index in indexes {
                builder.lock(.tableOfIndex(index), .accessExclusive, as: .target, "DROP INDEX locks the table first")
                builder.lock(index, .accessExclusive, as: .index, "DROP INDEX")
            }
            return
        }
        builder.transactional = false
        for index in indexes {
            builder.lock(.tableOfIndex(index), .shareUpdateExclusive, as: .target,
                         "DROP INDEX CONCURRENTLY: session lock across its transactions", duration: .session)
            builder.lock(index, .shareUpdateExclusive, as: .index,
                         "DROP INDEX CONCURRENTLY: session lock across its transactions", duration: .session)
            builder.lock(index, .accessExclusive, as: .index,
                         "DROP INDEX CONCURRENTLY: the last transaction drops the index", transaction: 3)
        }
    }

    private func dropTableObjects(_ tables: [RelationName], objectType: ObjectType, into builder: inout AnalysisBuilder) {
        let noun = objectType == .trigger ? "trigger" : objectType == .policy ? "policy" : "rule"
        for table in tables {
            builder.lock(table, .accessShare, as: .target, "DROP \(noun.uppercased()): looks up the \(noun)")
        }
        for table in tables {
            builder.lock(table, .accessExclusive, as: .target, "DROP \(noun.uppercased()): removes the \(noun)")
            if objectType == .trigger {
                builder.lock(.descendants(of: table), .accessExclusive, as: .descendant,
                             "partitions' clones of the trigger are dropped too")
            }
        }
    }

    /// The relation an object names: the object itself for relation types, the table before
    /// the last name part for triggers, policies and rules.
    private func relation(of parts: [String], objectType: ObjectType) -> RelationName? {
        switch objectType {
        case .table, .foreignTable, .view, .materializedView, .sequence, .index:
            ParseNode.relationName(fromQualifiedName: parts)
        case .trigger, .policy, .rule:
            ParseNode.relationName(fromQualifiedName: Array(parts.dropLast()))
        default:
            nil
        }
    }

    /// The name parts of a dropped object: a name list, a single name, a type name, or a
    /// function signature's name.
    private static func nameParts(of object: ParseNode) -> [String] {
        if let items = object.typed("List")?["items"] { return items.stringList }
        if let name = object.stringNodeValue { return [name] }
        if let typeName = object.typed("TypeName") { return typeName["names"]?.stringList ?? [] }
        if let function = object.typed("ObjectWithArgs") { return function["objname"]?.stringList ?? [] }
        return []
    }
}
