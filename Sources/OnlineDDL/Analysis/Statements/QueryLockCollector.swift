import OnlineDDLLocking
import OnlineDDLParsing

/// Walks a query in PostgreSQL's parse-analysis order (`transformStmt`) and collects the
/// table-level locks the parser takes on the relations it names: `ROW EXCLUSIVE` on a
/// written table (locked before the rest of its statement), `ROW SHARE` on tables in a
/// `FOR UPDATE/SHARE` clause, `ACCESS SHARE` on every other table. `WITH` queries come
/// first, then `FROM` left to right (a join's sides before its `ON`), then the other
/// clauses' subqueries. References to `WITH` queries are not relations. Views are not
/// expanded: only the catalog knows which names are views.
struct QueryLockCollector {
    /// One relation the query locks.
    struct Access: Equatable {
        let relation: RelationName
        let mode: LockMode
        let role: LockRole
        let includesDescendants: Bool
        /// The command that writes the relation, for a written one.
        let writtenBy: QueryCommand?
        /// The columns an `INSERT` names or an `UPDATE` sets; empty when not named.
        var writtenColumns: [String] = []
        /// How many values each `INSERT` row supplies, for an `INSERT` without a column list.
        var suppliedCount = 0
        /// Whether an `INSERT` has `ON CONFLICT`, whose arbiter indexes the planner opens.
        var resolvesConflicts = false
    }

    private(set) var accesses: [Access] = []
    /// Sequences that `nextval`, `setval` or `currval` name by a constant, in order: the
    /// executor locks each (`init_sequence`, `ROW EXCLUSIVE`) when it calls the function.
    private(set) var calledSequences: [RelationName] = []
    private var visibleCTENames: [Set<String>] = []

    /// Collects the locks of a statement node such as `{"SelectStmt": …}`.
    mutating func collect(statement node: ParseNode) {
        if let body = node.typed(.select) {
            collect(select: body, lockedFromParent: false)
        } else if let body = node.typed(.insert) {
            collect(insert: body)
        } else if let body = node.typed(.update) {
            collect(update: body)
        } else if let body = node.typed(.delete) {
            collect(delete: body)
        } else if let body = node.typed(.merge) {
            collect(merge: body)
        } else {
            collect(expression: node)
        }
    }

    private mutating func record(
        _ rangeVar: ParseNode, _ mode: LockMode, _ role: LockRole, writtenBy: QueryCommand? = nil,
        columns: [String] = [], suppliedCount: Int = 0, resolvesConflicts: Bool = false
    ) {
        guard let relation = rangeVar.rangeVarName else { return }
        if relation.schema == nil, visibleCTENames.contains(where: { $0.contains(relation.name) }) { return }
        let access = Access(
            relation: relation, mode: mode, role: role,
            includesDescendants: rangeVar.rangeVarIncludesDescendants, writtenBy: writtenBy,
            writtenColumns: columns, suppliedCount: suppliedCount, resolvesConflicts: resolvesConflicts)
        if !accesses.contains(where: { $0.relation == relation && $0.mode == mode }) {
            accesses.append(access)
        }
    }

    /// Runs `body` with the `WITH` clause's queries collected and their names in scope.
    private mutating func withCommonTableExpressions(_ withClause: ParseNode?, _ body: (inout Self) -> Void) {
        guard let withClause else {
            body(&self)
            return
        }
        let ctes = (withClause["ctes"]?.elements ?? []).compactMap { $0.typed("CommonTableExpr") }
        let names = ctes.compactMap { $0["ctename"]?.stringValue }
        visibleCTENames.append(withClause.flag("recursive") ? Set(names) : [])
        for cte in ctes {
            if let query = cte["ctequery"] { collect(statement: query) }
            if let name = cte["ctename"]?.stringValue { visibleCTENames[visibleCTENames.count - 1].insert(name) }
        }
        body(&self)
        visibleCTENames.removeLast()
    }

    private mutating func collect(select body: ParseNode, lockedFromParent: Bool) {
        withCommonTableExpressions(body["withClause"]) { collector in
            if body.isSetOperation {
                if let left = body["larg"] { collector.collect(select: left, lockedFromParent: lockedFromParent) }
                if let right = body["rarg"] { collector.collect(select: right, lockedFromParent: lockedFromParent) }
                return
            }
            let locking = RowLocking(clauses: body["lockingClause"], lockedFromParent: lockedFromParent)
            for item in body["valuesLists"]?.elements ?? [] { collector.collect(expression: item) }
            for item in body["fromClause"]?.elements ?? [] { collector.collect(fromItem: item, locking: locking) }
            for field in ["targetList", "whereClause", "groupClause", "havingClause", "windowClause",
                          "sortClause", "distinctClause", "limitOffset", "limitCount"] {
                if let clause = body[field] { collector.collect(expression: clause) }
            }
        }
    }

    private mutating func collect(fromItem item: ParseNode, locking: RowLocking) {
        if let rangeVar = item.typed("RangeVar") {
            let refname = rangeVar["alias"]?["aliasname"]?.stringValue ?? rangeVar["relname"]?.stringValue ?? ""
            let locked = locking.locks(refname)
            record(rangeVar, locked ? .rowShare : .accessShare, .source)
        } else if let join = item.typed("JoinExpr") {
            if let left = join["larg"] { collect(fromItem: left, locking: locking) }
            if let right = join["rarg"] { collect(fromItem: right, locking: locking) }
            if let quals = join["quals"] { collect(expression: quals) }
        } else if let subselect = item.typed("RangeSubselect") {
            let alias = subselect["alias"]?["aliasname"]?.stringValue ?? ""
            if let query = subselect["subquery"]?.typed(.select) {
                collect(select: query, lockedFromParent: locking.locks(alias))
            }
        } else if let sample = item.typed("RangeTableSample") {
            if let relation = sample["relation"] { collect(fromItem: relation, locking: locking) }
            collect(expression: sample["args"] ?? .null)
        } else {
            collect(expression: item)
        }
    }

    /// Collects the subqueries (`SubLink`s) anywhere inside an expression.
    private mutating func collect(expression node: ParseNode) {
        switch node {
        case .object(let fields):
            if let sublink = node.typed("SubLink") {
                if let test = sublink["testexpr"] { collect(expression: test) }
                if let query = sublink["subselect"]?.typed(.select) {
                    collect(select: query, lockedFromParent: false)
                }
                return
            }
            if let select = node.typed(.select) {
                collect(select: select, lockedFromParent: false)
                return
            }
            if let call = node.typed("FuncCall"), let sequence = Self.sequenceNamed(by: call),
               !calledSequences.contains(sequence) {
                calledSequences.append(sequence)
            }
            for field in fields.list.sorted(by: { $0.key < $1.key }) { collect(expression: field.value) }
        case .array(let items):
            for item in items { collect(expression: item) }
        case .string, .integer, .bool, .null:
            break
        }
    }

    private mutating func collect(insert body: ParseNode) {
        withCommonTableExpressions(body["withClause"]) { collector in
            if let target = body["relation"] {
                let select = body["selectStmt"]?.typed(.select)
                let supplied = select?["valuesLists"]?.elements.first?.typed("List")?["items"]?.elements.count
                    ?? select?["targetList"]?.elements.count ?? 0
                collector.record(
                    target, .rowExclusive, .target, writtenBy: .insert, columns: Self.targetNames(body["cols"]),
                    suppliedCount: supplied, resolvesConflicts: body["onConflictClause"] != nil)
            }
            if let query = body["selectStmt"]?.typed(.select) {
                collector.collect(select: query, lockedFromParent: false)
            }
            for field in ["onConflictClause", "returningClause"] {
                if let clause = body[field] { collector.collect(expression: clause) }
            }
        }
    }

    private mutating func collect(update body: ParseNode) {
        withCommonTableExpressions(body["withClause"]) { collector in
            if let target = body["relation"] {
                collector.record(target, .rowExclusive, .target, writtenBy: .update, columns: Self.targetNames(body["targetList"]))
            }
            for item in body["fromClause"]?.elements ?? [] { collector.collect(fromItem: item, locking: .none) }
            for field in ["whereClause", "returningClause", "targetList"] {
                if let clause = body[field] { collector.collect(expression: clause) }
            }
        }
    }

    private mutating func collect(delete body: ParseNode) {
        withCommonTableExpressions(body["withClause"]) { collector in
            if let target = body["relation"] { collector.record(target, .rowExclusive, .target, writtenBy: .delete) }
            for item in body["usingClause"]?.elements ?? [] { collector.collect(fromItem: item, locking: .none) }
            for field in ["whereClause", "returningClause"] {
                if let clause = body[field] { collector.collect(expression: clause) }
            }
        }
    }

    /// The sequence a `nextval`, `setval` or `currval` call names by a constant: `'name'`
    /// or `'name'::regclass` (the implicit `text` → `regclass` coercion of the argument).
    private static func sequenceNamed(by call: ParseNode) -> RelationName? {
        let function = call["funcname"]?.stringList ?? []
        guard let name = function.last, ["nextval", "setval", "currval"].contains(name),
              function.count == 1 || (function.count == 2 && function[0] == "pg_catalog"),
              var argument = call["args"]?.elements.first else { return nil }
        if let cast = argument.typed("TypeCast") {
            guard cast["typeName"]?["names"]?.stringList.last == "regclass", let inner = cast["arg"] else { return nil }
            argument = inner
        }
        guard let text = argument.typed("A_Const")?["sval"]?["sval"]?.stringValue else { return nil }
        return RegclassText.relation(text)
    }

    /// The column names of a list of `ResTarget`s (an `INSERT` column list, an `UPDATE`'s `SET`).
    private static func targetNames(_ list: ParseNode?) -> [String] {
        (list?.elements ?? []).compactMap { $0.typed("ResTarget")?["name"]?.stringValue }
    }

    private mutating func collect(merge body: ParseNode) {
        withCommonTableExpressions(body["withClause"]) { collector in
            if let target = body["relation"] { collector.record(target, .rowExclusive, .target, writtenBy: .merge) }
            if let source = body["sourceRelation"] { collector.collect(fromItem: source, locking: .none) }
            for field in ["joinCondition", "mergeWhenClauses", "returningClause"] {
                if let clause = body[field] { collector.collect(expression: clause) }
            }
        }
    }
}
