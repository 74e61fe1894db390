import OnlineDDLParsing

extension ColumnDefinition {
    /// Reads a `ColumnDef` body with its inline constraints.
    init(columnDefBody body: ParseNode) {
        let name = body["colname"]?.stringValue ?? ""
        let constraintBodies = (body["constraints"]?.elements ?? []).compactMap { $0.typed("Constraint") }
        var defaultExpression: DefaultExpression?
        var isNotNull = false
        var isIdentity = false
        var isGeneratedStored = false
        var isGeneratedVirtual = false
        var constraints: [TableConstraint] = []
        for constraintBody in constraintBodies {
            switch constraintBody["contype"]?.stringValue {
            case "CONSTR_DEFAULT":
                defaultExpression = constraintBody["raw_expr"].map(DefaultExpression.init(expression:))
            case "CONSTR_NOTNULL":
                isNotNull = true
            case "CONSTR_IDENTITY":
                isIdentity = true
            case "CONSTR_GENERATED":
                if constraintBody.generatesVirtually {
                    isGeneratedVirtual = true
                } else {
                    isGeneratedStored = true
                }
            default:
                guard let constraint = TableConstraint(constraintBody: constraintBody, column: name),
                      [.check, .foreignKey, .primaryKey, .unique, .exclusion].contains(constraint.kind) else { continue }
                isNotNull = isNotNull || constraint.kind == .primaryKey
                constraints.append(constraint)
            }
        }
        self.init(
            name: name,
            type: body["typeName"].map(SQLTypeName.init(typeNameBody:)) ?? SQLTypeName(name: ""),
            defaultExpression: defaultExpression,
            isNotNull: isNotNull,
            isIdentity: isIdentity,
            isGeneratedStored: isGeneratedStored,
            isGeneratedVirtual: isGeneratedVirtual,
            constraints: constraints)
    }
}
