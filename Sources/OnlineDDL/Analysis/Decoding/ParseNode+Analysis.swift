import OnlineDDLParsing

/// Readers for the parse-tree shapes the analyzers share.
extension ParseNode {
    /// The value of a `{"String": {"sval": …}}` node.
    var stringNodeValue: String? {
        typed("String")?["sval"]?.stringValue
    }

    /// The values of an array of `String` nodes, such as a qualified name.
    package var stringList: [String] {
        elements.compactMap(\.stringNodeValue)
    }

    /// Whether a boolean field is `true` (libpg_query omits `false`).
    package func flag(_ field: String) -> Bool {
        self[field]?.boolValue ?? false
    }

    /// The relation a `RangeVar` body names.
    var rangeVarName: RelationName? {
        guard let name = self["relname"]?.stringValue else { return nil }
        return RelationName(schema: self["schemaname"]?.stringValue, name: name)
    }

    /// Whether a `RangeVar` body includes descendants (`ONLY` not written).
    var rangeVarIncludesDescendants: Bool { flag("inh") }

    /// A relation from a qualified name list: `[name]`, `[schema, name]`, or `[db, schema, name]`.
    static func relationName(fromQualifiedName parts: [String]) -> RelationName? {
        guard let name = parts.last else { return nil }
        return RelationName(schema: parts.count >= 2 ? parts[parts.count - 2] : nil, name: name)
    }

    /// The integer of an `A_Const` body or an `Integer` node; libpg_query omits a zero value.
    var integerConstant: Int? {
        if let body = typed("Integer") { return body["ival"]?.intValue ?? 0 }
        if let body = typed("A_Const"), let ival = body["ival"] { return ival["ival"]?.intValue ?? 0 }
        return nil
    }

    /// The text of an `A_Const` string, integer, float or boolean, or of a `String` node.
    var constantText: String? {
        if let string = stringNodeValue { return string }
        guard let body = typed("A_Const") else { return nil }
        if let sval = body["sval"] { return sval["sval"]?.stringValue ?? "" }
        if let ival = body["ival"] { return String(ival["ival"]?.intValue ?? 0) }
        if let fval = body["fval"] { return fval["fval"]?.stringValue }
        if let boolval = body["boolval"] { return (boolval["boolval"]?.boolValue ?? false) ? "true" : "false" }
        return nil
    }

    /// Whether an `A_Const` is the constant `NULL`.
    var isNullConstant: Bool {
        typed("A_Const")?.flag("isnull") ?? false
    }

    /// The names of the `DefElem` options in a list.
    var defElemNames: [String] {
        elements.compactMap { $0.typed("DefElem")?["defname"]?.stringValue }
    }

    /// The type of an `AlterTableCmd` body.
    var subcommandKind: AlterTableSubcommandKind? {
        self["subtype"]?.stringValue.map(AlterTableSubcommandKind.init(parserName:))
    }

    /// The kind of a `Constraint` body; `nil` for a type the parser does not name.
    package var constraintKind: ConstraintKind? {
        self["contype"]?.stringValue.flatMap(ConstraintKind.init(parserName:))
    }

    /// The object type in `field` (`""` when absent decodes as unknown).
    func objectType(_ field: String) -> ObjectType {
        ObjectType(parserName: self[field]?.stringValue ?? "")
    }

    /// Whether a `GrantStmt` body names its objects (`ACL_TARGET_OBJECT`), rather than
    /// `ALL … IN SCHEMA` or default privileges.
    var grantsOnNamedObjects: Bool {
        self["targtype"]?.stringValue == "ACL_TARGET_OBJECT"
    }

    /// Whether a `SelectStmt` body is a `UNION`, `INTERSECT` or `EXCEPT` of `larg` and `rarg`.
    var isSetOperation: Bool {
        guard let operation = self["op"]?.stringValue else { return false }
        return operation != "SETOP_NONE"
    }

    /// Whether a `MergeWhenClause` body is `WHEN NOT MATCHED BY SOURCE` (PostgreSQL 17).
    package var matchesNotMatchedBySource: Bool {
        self["matchKind"]?.stringValue == "MERGE_WHEN_NOT_MATCHED_BY_SOURCE"
    }

    /// Whether a `GENERATED` `Constraint` body is virtual: `generated_kind` is 's' for
    /// `STORED`, 'v' for `VIRTUAL` (PostgreSQL 18's default).
    package var generatesVirtually: Bool {
        self["generated_kind"]?.stringValue == "v"
    }

    /// Whether a `Constraint` body is a column's `ENFORCED` or `NOT ENFORCED` attribute
    /// (PostgreSQL 18), which ``constraintKind`` does not name.
    package var isEnforcementAttribute: Bool {
        let type = self["contype"]?.stringValue
        return type == "CONSTR_ATTR_ENFORCED" || type == "CONSTR_ATTR_NOT_ENFORCED"
    }

    /// Whether a body's `behavior` is `CASCADE` (libpg_query's `DropBehavior`).
    var cascades: Bool {
        self["behavior"]?.stringValue == "DROP_CASCADE"
    }

    /// The index of a `REPLICA IDENTITY USING INDEX` (`ReplicaIdentityStmt` node).
    var replicaIdentityIndexName: String? {
        typed("ReplicaIdentityStmt")?["name"]?.stringValue
    }
}
