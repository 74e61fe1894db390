import OnlineDDLLocking
import OnlineDDLParsing

/// Plans one `ALTER TABLE` subcommand: its lock mode, data work, facts, and the locks it
/// takes on other relations (tablecmds.c `ATPrepCmd`, `ATExecCmd`, `ATRewriteTables`).
struct AlterTableSubcommandAnalyzer {
    let version: Int
    /// The altered relation and the kind the statement names.
    let relation: RelationName
    let relationKind: RelationKind
    /// Whether `ONLY` was omitted.
    let includesDescendants: Bool
    /// The statement's mode: the strongest of all its subcommands.
    let statementMode: LockMode

    /// Whether a subcommand recurses to inheritance children and partitions, in the
    /// statement's mode, unless `ONLY` is written. Index-building constraints do not: their
    /// index is built on each partition under `SHARE` instead.
    private func recurses(_ kind: AlterTableSubcommandKind, _ command: ParseNode) -> Bool {
        switch kind.recursion {
        case .never: false
        case .always: true
        case .since(let minimum): version >= minimum
        case .unlessIndexBuilding: !(command["def"]?.typed("Constraint")?.constraintKind?.buildsIndex ?? false)
        }
    }

    func plan(_ command: ParseNode) throws(UnclassifiedStatement) -> AlterTableSubcommandPlan {
        guard let kind = command.subcommandKind else {
            throw UnclassifiedStatement(reason: "ALTER TABLE subcommand without a type")
        }
        let mode = try AlterTableLockLevels.mode(of: command, kind: kind, version: version)
        let name = command["name"]?.stringValue
        let isColumn = kind.namesColumn
        let subcommand = AlterTableSubcommand(
            kind: kind, column: isColumn ? name : nil, objectName: isColumn ? nil : name,
            lockMode: mode, dataWork: .none("catalog changes only"), recursesWithoutOnly: recurses(kind, command),
            storageParameters: storageParameters(of: command),
            cascade: command.cascades, missingOk: command.flag("missing_ok"))
        var plan = AlterTableSubcommandPlan(subcommand: subcommand)
        switch kind {
        case .addColumn:
            guard let body = command["def"]?.typed("ColumnDef") else { break }
            let column = ColumnDefinition(columnDefBody: body)
            if column.isGeneratedVirtual { try UnclassifiedStatement.require("a virtual generated column", since: 18, on: version) }
            addColumn(column, hasRawDefault: hasRawDefault(body), into: &plan)
        case .alterColumnType:
            alterColumnType(column: name ?? "", definition: command["def"]?.typed("ColumnDef"), into: &plan)
        case .columnDefault:
            plan.subcommand = plan.subcommand.with(newDefault: command["def"].map(DefaultExpression.init(expression:)))
        case .setNotNull:
            plan.subcommand = plan.subcommand.with(dataWork: .scan("verifies that the column has no NULLs"))
            plan.caveats.append(.notNullScanSkippable(column: name ?? ""))
        case .addConstraint:
            guard let body = command["def"]?.typed("Constraint") else { break }
            try Self.requireVersion(of: body, on: version)
            guard let constraint = TableConstraint(constraintBody: body) else { break }
            addConstraint(constraint, into: &plan)
        case .validateConstraint:
            validateConstraint(name ?? "", into: &plan)
        case .dropConstraint:
            plan.lock(.referencedTableOfConstraint(table: relation, constraint: name ?? ""), .accessExclusive,
                      as: .referencedTable, "a dropped foreign key's triggers on the referenced table are removed")
            plan.caveats.append(.dependsOnConstraintType(table: relation, constraint: name ?? ""))
        case .dropColumn:
            plan.lock(.foreignKeyPeersOfColumn(table: relation, column: name ?? ""), .accessExclusive,
                      as: .referencedTable, "foreign keys using the column are dropped with it")
            plan.lock(.indexesOnColumn(table: relation, column: name ?? ""), .accessExclusive,
                      as: .index, "indexes using the column are dropped with it")
        case .addIdentity:
            plan.lock(relation, .accessShare, as: .target, "the identity sequence is linked to its column")
        case .setIdentity:
            plan.lock(.sequenceOfColumn(table: relation, column: name ?? ""), .shareRowExclusive, as: .sequence,
                      "ALTER SEQUENCE on the identity sequence")
            plan.lock(.sequenceOfColumn(table: relation, column: name ?? ""), .rowExclusive, as: .sequence,
                      "the identity sequence is opened to change it")
        case .dropIdentity:
            plan.lock(.sequenceOfColumn(table: relation, column: name ?? ""), .accessExclusive, as: .sequence,
                      "the identity sequence is dropped")
        case .attachPartition:
            attachPartition(command, into: &plan)
        case .detachPartition, .detachPartitionFinalize:
            detachPartition(command, finalize: kind == .detachPartitionFinalize, into: &plan)
        case .addInherit:
            if let parent = command["def"]?.typed("RangeVar")?.rangeVarName {
                plan.lock(parent, .shareUpdateExclusive, as: .parent, "INHERIT: the new parent")
                plan.lock(.descendants(of: relation), .accessShare, as: .descendant,
                          "INHERIT: checks for circular inheritance")
            }
        case .dropInherit:
            if let parent = command["def"]?.typed("RangeVar")?.rangeVarName {
                plan.lock(parent, .accessShare, as: .parent, "NO INHERIT: the old parent")
            }
        case .clusterOn:
            plan.lock(relation.sibling(named: name ?? ""), statementMode, as: .index, "CLUSTER ON: the index")
        case .replicaIdentity:
            if let index = command["def"]?.replicaIdentityIndexName {
                plan.lock(relation.sibling(named: index), .share, as: .index, "REPLICA IDENTITY USING INDEX")
            }
        case .changeOwner where relationKind == .table || relationKind == .materializedView:
            plan.lock(.indexes(of: relation), statementMode, as: .index, "OWNER TO changes the indexes' owner too")
            plan.lock(.ownedSequences(of: relation), statementMode, as: .sequence,
                      "OWNER TO changes the owned sequences' owner too")
        case .setTableSpace:
            plan.subcommand = plan.subcommand.with(dataWork: .rewrite("copies the relation's files to the new tablespace"))
        case .setLogged, .setUnlogged:
            rewrite("rewrites the table to change its WAL logging", into: &plan)
        case .setAccessMethod:
            rewrite("rewrites the table into the new access method", into: &plan)
        case .changeOwner, .dropNotNull, .dropExpression, .setExpression, .setStatistics, .setOptions, .resetOptions,
             .setStorage, .setCompression, .alterConstraint, .alterColumnGenericOptions, .dropCluster, .dropOids,
             .setRelOptions, .resetRelOptions, .enableTrigger, .enableAlwaysTrigger, .enableReplicaTrigger,
             .enableTriggerAll, .enableTriggerUser, .disableTrigger, .disableTriggerAll, .disableTriggerUser,
             .enableRule, .enableAlwaysRule, .enableReplicaRule, .disableRule, .addOf, .dropOf, .enableRowSecurity,
             .disableRowSecurity, .forceRowSecurity, .noForceRowSecurity, .genericOptions, .unknown:
            // Catalog changes only: no lock beyond the statement's, no data work.
            break
        }
        if plan.subcommand.cascade, kind == .dropColumn || kind == .dropConstraint {
            plan.lock(.cascadeDependents(of: "\(relation).\(name ?? "")"), .accessExclusive,
                      as: .dependent, "CASCADE drops the objects that depend on it")
        }
        return plan
    }

    /// Constraint syntax newer than PostgreSQL 15 that the grammar (PostgreSQL 18's)
    /// accepts for any version: `ADD CONSTRAINT name NOT NULL column` and `NOT ENFORCED`
    /// (`is_enforced`, which the parser sets on every enforced `CHECK` and foreign key) are
    /// PostgreSQL 18's.
    private static func requireVersion(of constraint: ParseNode, on version: Int) throws(UnclassifiedStatement) {
        let type = constraint.constraintKind
        if type == .notNull {
            try UnclassifiedStatement.require("ADD CONSTRAINT … NOT NULL", since: 18, on: version)
        }
        if type == .check || type == .foreignKey, !constraint.flag("is_enforced") {
            try UnclassifiedStatement.require("a NOT ENFORCED constraint", since: 18, on: version)
        }
    }

    // MARK: Subcommands with more than a catalog change

    private func addColumn(_ column: ColumnDefinition, hasRawDefault: Bool, into plan: inout AlterTableSubcommandPlan) {
        plan.subcommand = plan.subcommand.with(column: column.name, newColumn: column)
        var work = newColumnWork(column)
        if column.type.isSerial || column.isIdentity {
            plan.lock(relation, .accessShare, as: .target, "the new sequence is linked to its column")
        }
        if !column.type.isBuiltIn, !column.type.isSerial {
            plan.caveats.append(.domainTypeMayForceRewrite(column: column.name, type: column.type))
        }
        for constraint in column.constraints {
            switch constraint.kind {
            case .check:
                work = work.combined(with: .scan("validates the new column's CHECK constraint"))
            case .primaryKey, .unique, .exclusion:
                work = work.combined(with: .scan("builds the new column's unique index"))
                plan.lock(.addIndex, relation, .share, as: .target, "index build for the new column's constraint")
            case .foreignKey:
                if let reference = constraint.foreignKey {
                    plan.lock(.addOtherConstraint, relation, .shareRowExclusive, as: .target,
                              "the new column's foreign key is added as its own ALTER TABLE")
                    addForeignKey(reference, validated: hasRawDefault, enforced: !constraint.notEnforced, into: &plan)
                    if hasRawDefault { work = work.combined(with: .scan("validates the new foreign key")) }
                }
            default:
                break
            }
        }
        if work.kind == .rewrite { addRewriteLocks(into: &plan) }
        plan.subcommand = plan.subcommand.with(dataWork: work)
    }

    private func newColumnWork(_ column: ColumnDefinition) -> DataWork {
        if column.isIdentity { return .rewrite("identity column: every row gets a sequence value") }
        if column.isGeneratedStored { return .rewrite("stored generated column: every row is computed") }
        if column.isGeneratedVirtual, !column.isNotNull {
            return .none("virtual generated column: computed when read, nothing is stored (PostgreSQL 18)")
        }
        if column.type.isSerial { return .rewrite("serial column: its nextval() default is volatile") }
        if let defaultExpression = column.defaultExpression, !defaultExpression.isNullConstant {
            if version < 11 { return .rewrite("before PostgreSQL 11 every non-NULL default rewrites the table") }
            if case .volatile(let reason) = defaultExpression.volatility {
                return .rewrite("volatile default: \(reason)")
            }
            return .none("non-volatile default is stored in the catalog (PostgreSQL 11+)")
        }
        if column.isNotNull { return .scan("verifies that the new NOT NULL column has no NULLs") }
        return .none("the new column is NULL in every row")
    }

    /// `transformAlterTableStmt` validates the foreign keys of new columns only when the column
    /// has a raw default: an explicit `DEFAULT`, a serial type's, or a generated expression.
    private func hasRawDefault(_ body: ParseNode) -> Bool {
        let types = (body["constraints"]?.elements ?? []).compactMap { $0.typed("Constraint")?.constraintKind }
        let typeName = body["typeName"].map(SQLTypeName.init(typeNameBody:))
        return types.contains(.defaultValue) || types.contains(.generated) || (typeName?.isSerial ?? false)
    }

    private func alterColumnType(column: String, definition: ParseNode?, into plan: inout AlterTableSubcommandPlan) {
        guard let definition, let typeBody = definition["typeName"] else { return }
        let change = ColumnTypeChange(
            column: column, newType: SQLTypeName(typeNameBody: typeBody),
            hasUsingExpression: definition["raw_default"] != nil)
        plan.subcommand = plan.subcommand.with(
            dataWork: .rewrite("changes the column's type (free only when binary-coercible from the old type)"),
            typeChange: change)
        let rewriteCaveat = CatalogCaveat.typeChangeRewriteDependsOnOldType(column: column, newType: change.newType)
        plan.caveats.append(rewriteCaveat)
        plan.lock(.foreignKeyPeersOfColumn(table: relation, column: column), .accessExclusive,
                  as: .referencedTable, "foreign keys on the column are dropped and re-created")
        addRewriteLocks(into: &plan, condition: LockCondition(rewriteCaveat, whenHolds: true))
        // Without a rewrite, the indexes on the column are still re-created (reusing their files).
        let keptFiles = LockCondition(rewriteCaveat, whenHolds: false)
        let columnIndexes = CatalogLookup.indexesOnColumn(table: relation, column: column)
        plan.lock(.rewrite, .tablesOfEach(columnIndexes), .share, as: .target,
                  "the indexes on the column are re-created", condition: keptFiles)
        plan.lock(.rewrite, columnIndexes, .accessExclusive, as: .index, "the indexes on the column are re-created",
                  condition: keptFiles)
        plan.lock(.rewrite, columnIndexes, .accessShare, as: .index, "the re-created index reuses the old one's files",
                  condition: keptFiles)
    }

    private func addConstraint(_ constraint: TableConstraint, into plan: inout AlterTableSubcommandPlan) {
        plan.subcommand = plan.subcommand.with(constraint: constraint)
        switch constraint.kind {
        case .check:
            plan.subcommand = plan.subcommand.with(dataWork: constraint.notValid
                ? .none("NOT VALID: existing rows are not checked")
                : .scan("validates the CHECK constraint against every row"))
        case .foreignKey:
            guard let reference = constraint.foreignKey else { return }
            addForeignKey(reference, validated: !constraint.notValid, enforced: !constraint.notEnforced, into: &plan)
            plan.subcommand = plan.subcommand.with(dataWork: constraint.notValid
                ? .none("NOT VALID: existing rows are not checked")
                : .scan("validates the foreign key against every row"))
        case .primaryKey, .unique, .exclusion:
            if let indexName = constraint.usingIndex {
                usingIndex(indexName, constraint: constraint, into: &plan)
            } else {
                plan.lock(.addIndex, relation, .share, as: .target, "index build for the new constraint")
                if includesDescendants {
                    plan.lock(.addIndex, .descendants(of: relation), .share, as: .descendant,
                              "the index is built on each partition of a partitioned table")
                }
                plan.subcommand = plan.subcommand.with(dataWork: .scan("builds the constraint's index"))
            }
        default:
            break
        }
    }

    private func usingIndex(_ indexName: String, constraint: TableConstraint, into plan: inout AlterTableSubcommandPlan) {
        let index = relation.sibling(named: indexName)
        plan.lock(index, .accessShare, as: .index, "USING INDEX: the existing index")
        if let constraintName = constraint.name, constraintName != indexName {
            plan.lock(.addIndexConstraint, index, version >= 12 ? .shareUpdateExclusive : .accessExclusive,
                      as: .index, "USING INDEX renames the index to the constraint's name")
        }
        plan.subcommand = plan.subcommand.with(dataWork: .none("USING INDEX adopts an existing index"))
        if constraint.kind == .primaryKey {
            plan.caveats.append(.primaryKeyScansNullableColumns(index: index))
        }
    }

    private func addForeignKey(
        _ reference: ForeignKeyReference, validated: Bool, enforced: Bool, into plan: inout AlterTableSubcommandPlan
    ) {
        let referenced = reference.referencedTable
        plan.lock(.addOtherConstraint, referenced, .shareRowExclusive, as: .referencedTable,
                  "referenced by the new foreign key")
        // A NOT ENFORCED key gets no triggers and no validation (tablecmds.c `addFkConstraint`).
        guard enforced else { return }
        plan.lock(.addOtherConstraint, relation, .accessShare, as: .target,
                  "the foreign key's triggers on the referenced table name this table")
        plan.lock(.addOtherConstraint, referenced, .accessShare, as: .referencedTable,
                  "the foreign key's triggers on this table name the referenced table")
        guard validated else { return }
        plan.lock(.foreignKeyValidation, referenced, .rowShare, as: .referencedTable,
                  "foreign-key validation opens the referenced table")
        plan.lock(.foreignKeyValidation, relation, .accessShare, as: .target, "foreign-key validation query")
        plan.lock(.foreignKeyValidation, referenced, .accessShare, as: .referencedTable, "foreign-key validation query")
        plan.lock(.foreignKeyValidation, .indexes(of: relation), .accessShare, as: .index,
                  "the validation query's planner opens every index")
        plan.lock(.foreignKeyValidation, .indexes(of: referenced), .accessShare, as: .index,
                  "the validation query's planner opens every index")
    }

    private func validateConstraint(_ name: String, into plan: inout AlterTableSubcommandPlan) {
        plan.subcommand = plan.subcommand.with(dataWork: .scan("validates existing rows without blocking writes"))
        let referenced = CatalogLookup.referencedTableOfConstraint(table: relation, constraint: name)
        let caveat = CatalogCaveat.dependsOnConstraintType(table: relation, constraint: name)
        let ifForeignKey = LockCondition(caveat, whenHolds: true)
        plan.lock(.foreignKeyValidation, referenced, .rowShare,
                  as: .referencedTable, "a foreign key's validation opens the referenced table")
        plan.lock(.foreignKeyValidation, relation, .accessShare, as: .target, "foreign-key validation query",
                  condition: ifForeignKey)
        plan.lock(.foreignKeyValidation, referenced, .accessShare, as: .referencedTable, "foreign-key validation query")
        plan.lock(.foreignKeyValidation, .indexes(of: relation), .accessShare, as: .index,
                  "the validation query's planner opens every index", condition: ifForeignKey)
        plan.lock(.foreignKeyValidation, .indexesOfEach(referenced), .accessShare, as: .index,
                  "the validation query's planner opens every index")
        plan.caveats.append(caveat)
    }

    private func attachPartition(_ command: ParseNode, into plan: inout AlterTableSubcommandPlan) {
        guard let partition = command["def"]?.typed("PartitionCmd")?["name"]?.rangeVarName else { return }
        plan.subcommand = plan.subcommand.with(partition: PartitionCommand(partition: partition, concurrent: false, finalize: false))
        if relationKind == .index {
            plan.lock(.tableOfIndex(relation), .accessShare, as: .parent, "ATTACH PARTITION: table of the parent index")
            plan.lock(.tableOfIndex(partition), .accessShare, as: .partition, "ATTACH PARTITION: table of the attached index")
            plan.lock(partition, .accessExclusive, as: .index, "ATTACH PARTITION: the attached index")
            return
        }
        plan.lock(.defaultPartition(of: relation), .accessExclusive, as: .defaultPartition,
                  "ATTACH PARTITION changes the default partition's constraint")
        plan.lock(partition, .accessExclusive, as: .partition, "ATTACH PARTITION: the attached table")
        plan.lock(.descendants(of: partition), .accessExclusive, as: .descendant,
                  "ATTACH PARTITION: partitions of the attached table")
        plan.lock(.foreignKeyPeersOfPartitionedTable(relation), .shareRowExclusive, as: .referencedTable,
                  "foreign keys of the partitioned table are cloned onto the partition")
        plan.subcommand = plan.subcommand.with(dataWork: .scan("validates the partition constraint on the attached table"))
        plan.caveats.append(.partitionScanSkippable(partition: partition))
    }

    private func detachPartition(_ command: ParseNode, finalize: Bool, into plan: inout AlterTableSubcommandPlan) {
        guard let body = command["def"]?.typed("PartitionCmd"), let partition = body["name"]?.rangeVarName else { return }
        let concurrent = body.flag("concurrent")
        plan.subcommand = plan.subcommand.with(partition: PartitionCommand(partition: partition, concurrent: concurrent, finalize: finalize))
        if finalize {
            plan.lock(partition, .accessExclusive, as: .partition, "DETACH … FINALIZE: the detached partition")
            finishDetach(partition, transaction: 1, into: &plan)
            return
        }
        if concurrent {
            plan.forbidsTransactionBlock = true
            plan.lock(partition, .shareUpdateExclusive, as: .partition, "DETACH CONCURRENTLY, first transaction")
            plan.lock(.referencingTables(of: relation), .share, as: .referencingTable,
                      "foreign keys referencing the partitioned table must still hold")
            plan.lock(relation, .shareUpdateExclusive, as: .target, "DETACH CONCURRENTLY, second transaction",
                      transaction: 2)
            plan.lock(partition, .accessExclusive, as: .partition, "DETACH CONCURRENTLY, second transaction",
                      transaction: 2)
            finishDetach(partition, transaction: 2, into: &plan)
            return
        }
        plan.lock(.defaultPartition(of: relation), .accessExclusive, as: .defaultPartition,
                  "DETACH PARTITION changes the default partition's constraint")
        plan.lock(partition, version >= 14 ? .accessExclusive : .shareUpdateExclusive, as: .partition,
                  "DETACH PARTITION: the detached table")
        plan.lock(partition, .accessShare, as: .partition, "DETACH PARTITION reads the partition's definition")
        if version >= 12 {
            plan.lock(.referencingTables(of: relation), .share, as: .referencingTable,
                      "foreign keys referencing the partitioned table must still hold")
        }
        finishDetach(partition, transaction: 1, into: &plan)
    }

    /// `DetachPartitionFinalize` (and its earlier inline form): the partition's inherited foreign
    /// keys get their own triggers on the referenced tables (PostgreSQL 15+), and its indexes
    /// are detached from the parent's.
    private func finishDetach(_ partition: RelationName, transaction: Int, into plan: inout AlterTableSubcommandPlan) {
        if version >= 15 {
            plan.lock(.referencedTables(of: partition), .shareRowExclusive, as: .referencedTable,
                      "the partition's inherited foreign keys become its own", transaction: transaction)
        }
        plan.lock(.indexes(of: partition), .accessExclusive, as: .index,
                  "the partition's indexes are detached from the parent's", transaction: transaction)
    }

    private func rewrite(_ reason: String, into plan: inout AlterTableSubcommandPlan) {
        plan.subcommand = plan.subcommand.with(dataWork: .rewrite(reason))
        addRewriteLocks(into: &plan)
    }

    /// `finish_heap_swap` rebuilds every index (`reindex_relation`): `SHARE` on the table,
    /// `ACCESS EXCLUSIVE` on each index.
    /// A `condition` marks locks taken only if that caveat holds.
    private func addRewriteLocks(into plan: inout AlterTableSubcommandPlan, condition: LockCondition? = nil) {
        plan.lock(.rewrite, relation, .share, as: .target, "index rebuild after the rewrite", condition: condition)
        plan.lock(.rewrite, .indexes(of: relation), .accessExclusive, as: .index, "index rebuild after the rewrite",
                  condition: condition)
    }

    private func storageParameters(of command: ParseNode) -> [String] {
        guard let items = command["def"]?.typed("List")?["items"]?.elements else { return [] }
        return items.compactMap { item in
            guard let body = item.typed("DefElem"), let name = body["defname"]?.stringValue else { return nil }
            return body["defnamespace"]?.stringValue.map { "\($0).\(name)" } ?? name
        }
    }
}
