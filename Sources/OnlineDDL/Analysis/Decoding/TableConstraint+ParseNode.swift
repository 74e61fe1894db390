import OnlineDDLParsing

extension TableConstraint {
    /// Reads a `Constraint` body; `column` names the column of an inline constraint.
    /// Returns `nil` for a constraint type the parser does not name.
    init?(constraintBody body: ParseNode, column: String? = nil) {
        guard let kind = body["contype"]?.stringValue.flatMap(ConstraintKind.init(parserName:)) else { return nil }
        let keys = body["keys"]?.stringList ?? []
        let referencing = body["fk_attrs"]?.stringList ?? []
        let inlineColumns = column.map { [$0] } ?? []
        let foreignKey = body["pktable"]?.rangeVarName.map { table in
            ForeignKeyReference(
                referencingColumns: referencing.isEmpty ? inlineColumns : referencing,
                referencedTable: table,
                referencedColumns: body["pk_attrs"]?.stringList ?? [],
                onDelete: body["fk_del_action"]?.stringValue.flatMap(ForeignKeyAction.init(rawValue:)) ?? .noAction,
                onUpdate: body["fk_upd_action"]?.stringValue.flatMap(ForeignKeyAction.init(rawValue:)) ?? .noAction)
        }
        self.init(
            kind: kind,
            name: body["conname"]?.stringValue,
            notValid: body.flag("skip_validation"),
            // The parser sets `is_enforced` on every enforced CHECK and foreign key.
            notEnforced: (kind == .check || kind == .foreignKey) && !body.flag("is_enforced"),
            usingIndex: body["indexname"]?.stringValue,
            columns: foreignKey?.referencingColumns ?? (keys.isEmpty ? inlineColumns : keys),
            foreignKey: foreignKey,
            notNullColumns: kind == .check ? (body["raw_expr"]?.columnsTestedNotNull ?? []).compactMap(\.last) : [])
    }
}

extension ParseNode {
    /// The columns an expression tests with `IS NOT NULL`, directly or in a top-level `AND`,
    /// each as its name parts (`["a"]`, or `["t", "a"]` when qualified).
    package var columnsTestedNotNull: [[String]] {
        if let conjunction = typed("BoolExpr"), conjunction["boolop"]?.stringValue == "AND_EXPR" {
            return (conjunction["args"]?.elements ?? []).flatMap(\.columnsTestedNotNull)
        }
        guard let test = typed("NullTest"), test["nulltesttype"]?.stringValue == "IS_NOT_NULL",
              let fields = test["arg"]?.typed("ColumnRef")?["fields"]?.stringList else { return [] }
        return [fields]
    }
}
