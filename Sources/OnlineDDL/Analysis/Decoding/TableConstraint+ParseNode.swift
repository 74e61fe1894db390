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
            notNullColumns: kind == .check ? Self.columnsTestedNotNull(in: body["raw_expr"]) : [])
    }

    /// The columns an expression tests with `IS NOT NULL`, directly or in a top-level `AND`.
    private static func columnsTestedNotNull(in expression: ParseNode?) -> [String] {
        guard let expression else { return [] }
        if let conjunction = expression.typed("BoolExpr"), conjunction["boolop"]?.stringValue == "AND_EXPR" {
            return (conjunction["args"]?.elements ?? []).flatMap { columnsTestedNotNull(in: $0) }
        }
        guard let test = expression.typed("NullTest"), test["nulltesttype"]?.stringValue == "IS_NOT_NULL",
              let column = test["arg"]?.typed("ColumnRef")?["fields"]?.stringList.last else { return [] }
        return [column]
    }
}
