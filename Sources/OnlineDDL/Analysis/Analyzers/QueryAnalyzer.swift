/// Queries and `COPY`: `SELECT` (with `FOR UPDATE/SHARE`), `INSERT`, `UPDATE`, `DELETE`,
/// `MERGE`, `COPY`, and the queries inside `EXPLAIN` and `CREATE TABLE AS`.
///
/// Parse analysis locks the named relations (see ``QueryLockCollector``). Planning then
/// locks, in the same mode, each table's inheritance children and partitions (those not
/// pruned) and its indexes; execution of a write adds the foreign-key checks' `ROW SHARE`
/// on the tables at the other end. Those later locks depend on the catalog.
struct QueryAnalyzer {
    let version: Int

    func analyzeQuery(_ node: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        if node.typed("MergeStmt") != nil {
            try UnclassifiedStatement.require("MERGE", since: 15, on: version)
        }
        builder.facts = .query(facts(of: node))
        builder.record(.none("row-level work; its cost depends on the rows the query touches"))
        lock(node, planned: true, executed: true, into: &builder)
    }

    func analyzeExplain(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let query = body["query"] else { throw UnclassifiedStatement(reason: "EXPLAIN without a query") }
        let executes = (body["options"]?.defElemNames ?? []).contains("analyze")
        if query.typed("MergeStmt") != nil {
            try UnclassifiedStatement.require("MERGE", since: 15, on: version)
        }
        builder.facts = .query(facts(of: query))
        builder.record(.none(executes ? "EXPLAIN ANALYZE runs the query" : "plans the query without running it"))
        lock(query, planned: true, executed: executes, into: &builder)
    }

    func analyzeCreateTableAs(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let filled = !(body["into"]?.flag("skipData") ?? false)
        guard let query = body["query"], query.typed("SelectStmt") != nil else {
            throw UnclassifiedStatement(reason: "CREATE TABLE AS EXECUTE runs a prepared statement")
        }
        builder.record(.none("fills only the new relation; reads the query's tables under ACCESS SHARE"))
        lock(query, planned: filled, executed: false, into: &builder)
    }

    func analyzeCopy(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        let isFrom = body.flag("is_from")
        builder.record(.none("row-level work; its cost depends on the rows copied"))
        if let query = body["query"] {
            builder.facts = .query(QueryFacts(command: .copyTo, target: nil, hasWhereClause: false, locksRows: false))
            lock(query, planned: true, executed: true, into: &builder)
            return
        }
        guard let relation = body["relation"]?.rangeVarName else { return }
        builder.facts = .query(QueryFacts(
            command: isFrom ? .copyFrom : .copyTo, target: isFrom ? relation : nil,
            hasWhereClause: body["whereClause"] != nil, locksRows: false))
        guard isFrom else {
            builder.lock(relation, .accessShare, as: .source, "COPY … TO reads the table")
            return
        }
        builder.lock(relation, .rowExclusive, as: .target, "COPY … FROM writes rows")
        if body["relation"]?.rangeVarIncludesDescendants ?? false {
            builder.lock(.descendants(of: relation), .rowExclusive, as: .descendant, "partitions that receive rows")
        }
        builder.lock(.indexes(of: relation), .rowExclusive, as: .index, "inserts index entries")
        builder.lock(.referencedTables(of: relation), .rowShare, as: .referencedTable, "foreign-key checks on new rows")
    }

    private func lock(_ query: ParseNode, planned: Bool, executed: Bool, into builder: inout AnalysisBuilder) {
        var collector = QueryLockCollector()
        collector.collect(statement: query)
        for access in collector.accesses {
            builder.lock(access.relation, access.mode, as: access.role, reason(for: access))
        }
        guard planned else { return }
        for access in collector.accesses {
            if access.includesDescendants {
                builder.lock(.descendants(of: access.relation), access.mode, as: .descendant,
                             access.writtenBy == .insert
                                 ? "partitions that receive rows (an INSERT leaves inheritance children alone)"
                                 : "inheritance children and partitions that are not pruned")
            }
            builder.lock(.indexes(of: access.relation), access.mode, as: .index,
                         access.role == .target ? "index entries of written rows" : "the planner opens every index")
        }
        guard executed else { return }
        for access in collector.accesses {
            if let command = access.writtenBy { foreignKeyChecks(on: access.relation, command: command, into: &builder) }
        }
    }

    private func foreignKeyChecks(on table: RelationName, command: QueryCommand, into builder: inout AnalysisBuilder) {
        if command != .delete {
            builder.lock(.referencedTables(of: table), .rowShare, as: .referencedTable,
                         "foreign-key checks of written rows (SELECT … FOR KEY SHARE)")
        }
        if command != .insert {
            builder.lock(.referencingTables(of: table), .rowShare, as: .referencingTable,
                         "foreign-key checks of changed keys (ROW EXCLUSIVE where ON DELETE/UPDATE actions write)")
        }
    }

    private func reason(for access: QueryLockCollector.Access) -> String {
        switch access.mode {
        case .rowExclusive: "written by the statement"
        case .rowShare: "row locks of FOR UPDATE/SHARE"
        default: "read by the query"
        }
    }

    private func facts(of node: ParseNode) -> QueryFacts {
        if let body = node.typed("InsertStmt") {
            return QueryFacts(command: .insert, target: body["relation"]?.rangeVarName, hasWhereClause: false, locksRows: false)
        }
        if let body = node.typed("UpdateStmt") {
            return QueryFacts(command: .update, target: body["relation"]?.rangeVarName,
                              hasWhereClause: body["whereClause"] != nil, locksRows: false)
        }
        if let body = node.typed("DeleteStmt") {
            return QueryFacts(command: .delete, target: body["relation"]?.rangeVarName,
                              hasWhereClause: body["whereClause"] != nil, locksRows: false)
        }
        if let body = node.typed("MergeStmt") {
            return QueryFacts(command: .merge, target: body["relation"]?.rangeVarName, hasWhereClause: false, locksRows: false)
        }
        let select = node.typed("SelectStmt")
        return QueryFacts(command: .select, target: nil, hasWhereClause: select?["whereClause"] != nil,
                          locksRows: !(select?["lockingClause"]?.elements ?? []).isEmpty)
    }
}
