import OnlineDDLParsing

/// A piece of syntax newer than PostgreSQL 15, and the parse-tree shape that shows it
/// (PostgreSQL 18's `gram.y` builds it; older grammars have no rule for it).
package enum NewerSyntax: Hashable, CaseIterable, Sendable {
    /// `FROM (SELECT …)` without an alias (PostgreSQL 16).
    case subqueryWithoutAlias
    /// `JSON_OBJECT`, `JSON_ARRAY`, their aggregates and `IS JSON` (PostgreSQL 16).
    case jsonConstructor
    /// `JSON_TABLE`, `JSON_QUERY`, `JSON_VALUE`, `JSON_EXISTS`, `JSON()`, `JSON_SCALAR` and
    /// `JSON_SERIALIZE` (PostgreSQL 17).
    case sqlJSONQuery
    /// `MERGE … RETURNING` and `WHEN NOT MATCHED BY SOURCE` (PostgreSQL 17).
    case mergeReturningOrBySource
    /// A generated column without `STORED`, which is virtual (PostgreSQL 18).
    case virtualGeneratedColumn
    /// A `NOT NULL column` table constraint, named or `NOT VALID` (PostgreSQL 18).
    case notNullTableConstraint
    /// `ENFORCED` or `NOT ENFORCED` on a constraint (PostgreSQL 18).
    case enforcedAttribute

    /// The first major version whose grammar has it.
    package var since: Int {
        switch self {
        case .subqueryWithoutAlias, .jsonConstructor: 16
        case .sqlJSONQuery, .mergeReturningOrBySource: 17
        case .virtualGeneratedColumn, .notNullTableConstraint, .enforcedAttribute: 18
        }
    }

    package var description: String {
        switch self {
        case .subqueryWithoutAlias: "a subquery in FROM without an alias"
        case .jsonConstructor: "JSON_OBJECT, JSON_ARRAY, JSON_OBJECTAGG, JSON_ARRAYAGG or IS JSON"
        case .sqlJSONQuery: "JSON_TABLE, JSON_QUERY, JSON_VALUE, JSON_EXISTS, JSON(), JSON_SCALAR or JSON_SERIALIZE"
        case .mergeReturningOrBySource: "MERGE … RETURNING or WHEN NOT MATCHED BY SOURCE"
        case .virtualGeneratedColumn: "a virtual generated column (GENERATED ALWAYS AS (…) without STORED)"
        case .notNullTableConstraint: "a NOT NULL column table constraint"
        case .enforcedAttribute: "ENFORCED or NOT ENFORCED on a constraint"
        }
    }

    /// The newer syntax a statement's parse tree holds, each once, in the order of `allCases`.
    package static func found(in tree: ParseNode) -> [NewerSyntax] {
        var found = Set<NewerSyntax>()
        visit(tree) { type, body in
            if let syntax = syntax(of: type, body) { found.insert(syntax) }
        }
        return allCases.filter(found.contains)
    }

    /// The newer syntax one parse node shows, if any.
    private static func syntax(of type: String, _ body: ParseNode) -> NewerSyntax? {
        switch type {
        case "RangeSubselect":
            return body["alias"] == nil ? .subqueryWithoutAlias : nil
        case "JsonObjectConstructor", "JsonArrayConstructor", "JsonArrayQueryConstructor", "JsonObjectAgg",
             "JsonArrayAgg", "JsonIsPredicate":
            return .jsonConstructor
        case "JsonTable", "JsonFuncExpr", "JsonParseExpr", "JsonScalarExpr", "JsonSerializeExpr":
            return .sqlJSONQuery
        case StatementKind.merge.nodeName:
            return body["returningList"] != nil || body["returningClause"] != nil ? .mergeReturningOrBySource : nil
        case "MergeWhenClause":
            return body.matchesNotMatchedBySource ? .mergeReturningOrBySource : nil
        case "Constraint":
            return constraintSyntax(body)
        default:
            return nil
        }
    }

    /// PostgreSQL 18's `gram.y` sets `is_enforced` on every `CHECK` and foreign key unless
    /// `NOT ENFORCED` is written, writes a column's `ENFORCED`/`NOT ENFORCED` as an attribute
    /// node, gives a table's `NOT NULL column` constraint its column in `keys`, and marks a
    /// generated column without `STORED` virtual (`generated_kind` 'v').
    private static func constraintSyntax(_ body: ParseNode) -> NewerSyntax? {
        if body.isEnforcementAttribute { return .enforcedAttribute }
        switch body.constraintKind {
        case .generated:
            return body.generatesVirtually ? .virtualGeneratedColumn : nil
        case .notNull:
            return body["keys"] != nil ? .notNullTableConstraint : nil
        case .check, .foreignKey:
            return body.flag("is_enforced") ? nil : .enforcedAttribute
        case .primaryKey, .unique, .exclusion, .null, .defaultValue, .identity, .attribute, nil:
            return nil
        }
    }

    /// Calls `body` with the type and body of every wrapped node in `node`, depth first.
    private static func visit(_ node: ParseNode, _ body: (String, ParseNode) -> Void) {
        switch node {
        case .object(let fields):
            if let type = node.nodeType, let inner = node[type] {
                body(type, inner)
                visit(inner, body)
            } else {
                for field in fields.list { visit(field.value, body) }
            }
        case .array(let elements):
            for element in elements { visit(element, body) }
        case .string, .integer, .bool, .null:
            return
        }
    }
}
