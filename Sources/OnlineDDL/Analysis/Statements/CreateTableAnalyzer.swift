import OnlineDDLParsing

/// `CREATE TABLE` and `CREATE FOREIGN TABLE`. The new table is invisible to others, so only
/// the existing relations it touches are locked, in this order: `LIKE` sources
/// (`ACCESS SHARE`, during parse transformation), then the parents (tablecmds.c
/// `DefineRelation`: `ACCESS EXCLUSIVE` on a partitioned table for `PARTITION OF`,
/// `SHARE UPDATE EXCLUSIVE` on each `INHERITS` parent), the default partition, and finally
/// each referenced table of a foreign key (`SHARE ROW EXCLUSIVE`, as `ADD FOREIGN KEY`).
struct CreateTableAnalyzer {
    let version: Int

    func analyze(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let table = body["relation"]?.rangeVarName else {
            throw UnclassifiedStatement(reason: "CREATE TABLE without a name")
        }
        let elements = body["tableElts"]?.elements ?? []
        var columns: [ColumnDefinition] = []
        var constraints: [TableConstraint] = []
        var foreignKeys: [ForeignKeyReference] = []
        var likeSources: [RelationName] = []
        for element in elements {
            if let columnBody = element.typed("ColumnDef") {
                let column = ColumnDefinition(columnDefBody: columnBody)
                if column.isGeneratedVirtual {
                    try UnclassifiedStatement.require("a virtual generated column", since: 18, on: version)
                }
                columns.append(column)
                foreignKeys += column.constraints.compactMap(\.foreignKey)
            } else if let constraint = element.typed("Constraint").flatMap({ TableConstraint(constraintBody: $0) }) {
                constraints.append(constraint)
                foreignKeys += constraint.foreignKey.map { [$0] } ?? []
            } else if let source = element.typed("TableLikeClause")?["relation"]?.rangeVarName {
                likeSources.append(source)
            }
        }
        let parents = (body["inhRelations"]?.elements ?? []).compactMap { $0.typed("RangeVar")?.rangeVarName }
        let partitionOf = body["partbound"] != nil ? parents.first : nil

        for source in likeSources {
            builder.lock(source, .accessShare, as: .source, "LIKE: copies the table's definition")
        }
        if let parent = partitionOf {
            builder.lock(parent, .accessExclusive, as: .parent, "PARTITION OF: the partitioned table")
            builder.lock(.defaultPartition(of: parent), .accessExclusive, as: .defaultPartition,
                         "a new partition changes the default partition's constraint")
            builder.lock(.foreignKeyPeersOfPartitionedTable(parent), .shareRowExclusive, as: .referencedTable,
                         "foreign keys of the partitioned table are cloned onto the partition")
            builder.lock(.foreignKeyPeersOfPartitionedTable(parent), .accessShare, as: .referencedTable,
                         "the cloned foreign keys' triggers name the other table")
            builder.lock(.indexes(of: parent), .shareUpdateExclusive, as: .index,
                         "the partitioned table's indexes get a matching index on the partition")
            builder.note(.defaultPartitionScanned(of: parent))
        } else {
            for parent in parents {
                builder.lock(parent, .shareUpdateExclusive, as: .parent, "INHERITS: a parent of the new table")
            }
        }
        for reference in foreignKeys where !reference.referencedTable.isSameRelation(as: table) {
            builder.lock(reference.referencedTable, .shareRowExclusive, as: .referencedTable,
                         "referenced by a foreign key of the new table")
            builder.lock(reference.referencedTable, .accessShare, as: .referencedTable,
                         "the foreign key's triggers on the new table name the referenced table")
        }
        builder.record(.none("creates an empty table"))
        builder.facts = .createTable(CreateTableFacts(
            table: table, columns: columns, constraints: constraints, partitionOf: partitionOf,
            inherits: partitionOf == nil ? parents : [], likeSources: likeSources,
            isPartitioned: body["partspec"] != nil, ifNotExists: body.flag("if_not_exists"),
            foreignKeys: foreignKeys))
    }
}
