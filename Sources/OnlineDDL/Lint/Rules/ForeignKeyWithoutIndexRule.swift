import OnlineDDLAnalysis
import OnlineDDLParsing

/// A new foreign key whose referencing columns lead no index that the migration set creates.
struct ForeignKeyWithoutIndexRule: StatementLintRule {
    let id = RuleID.foreignKeyWithoutIndex
    let severity = Severity.warning
    let summary = "a new foreign key has no index on its referencing columns, so every DELETE on the referenced table scans"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let history = context.history
        let table: RelationName
        let references: [ForeignKeyReference]
        if let created = statement.facts.createTable {
            table = created.table
            references = created.foreignKeys
        } else if let alter = statement.facts.alterTable {
            table = alter.relation
            references = alter.subcommands.flatMap { command in
                ([command.constraint].compactMap { $0 } + (command.newColumn?.constraints ?? [])).compactMap(\.foreignKey)
            }
        } else {
            return []
        }
        let indexed = history.indexedColumnLists(of: table)
        let isNewTable = statement.facts.createTable != nil || history.isNewTable(table, before: statement.index)
        return references.compactMap { reference in
            let columns = reference.referencingColumns
            guard !columns.isEmpty, !indexed.contains(where: { Self.serves($0, columns) }) else { return nil }
            let referenced = reference.referencedTable
            let lock = LockImpact(mode: statement.analysis.strongestMode(on: referenced) ?? .shareRowExclusive)
            let index = "CREATE INDEX\(isNewTable ? "" : " CONCURRENTLY") "
                + SQLText.identifier(SQLText.derivedName(table, columns, suffix: "idx"))
                + " ON \(SQLText.relation(table)) \(SQLText.columnList(columns));"
            return finding(
                at: statement, in: context,
                "the foreign key \(table) \(SQLText.columnList(columns)) → \(referenced) has no index on "
                    + "\(table) \(SQLText.columnList(columns)) in this migration set: every DELETE, and every UPDATE of "
                    + "the key, on \(referenced) scans all of \(table) to find referencing rows; adding the key takes "
                    + lock.phrase(on: referenced.description),
                safeAlternative: isNewTable ? index : RequireConcurrentIndexRule.outsideTransaction(index))
        }
    }

    /// Whether an index with these leading columns serves lookups on the foreign-key columns:
    /// the key columns are its first columns, in any order.
    private static func serves(_ indexColumns: [String], _ keyColumns: [String]) -> Bool {
        indexColumns.count >= keyColumns.count && Set(indexColumns.prefix(keyColumns.count)) == Set(keyColumns)
    }
}
