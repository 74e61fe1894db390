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
            usingIndex: body["indexname"]?.stringValue,
            columns: foreignKey?.referencingColumns ?? (keys.isEmpty ? inlineColumns : keys),
            foreignKey: foreignKey)
    }
}
