import OnlineDDLParsing

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
        try requireVersion(of: node)
        builder.facts = .query(facts(of: node))
        builder.record(.none("row-level work; its cost depends on the rows the query touches"))
        lock(node, planned: true, executed: true, into: &builder)
    }

    func analyzeExplain(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let query = body["query"] else { throw UnclassifiedStatement(reason: "EXPLAIN without a query") }
        let executes = (body["options"]?.defElemNames ?? []).contains("analyze")
        try requireVersion(of: query)
        builder.facts = .query(facts(of: query))
        builder.record(.none(executes ? "EXPLAIN ANALYZE runs the query" : "plans the query without running it"))
        lock(query, planned: true, executed: executes, into: &builder)
    }

    func analyzeCreateTableAs(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let filled = !(body["into"]?.flag("skipData") ?? false)
        guard let query = body["query"], query.typed(.select) != nil else {
            throw UnclassifiedStatement(reason: "CREATE TABLE AS EXECUTE runs a prepared statement")
        }
        builder.record(.none("fills only the new relation; reads the query's tables under ACCESS SHARE"))
        lock(query, planned: filled, executed: filled, into: &builder)
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
            builder.lock(.partitions(of: relation), .rowExclusive, as: .descendant, "partitions that receive rows")
        }
        let columns = body["attlist"]?.stringList ?? []
        if !columns.isEmpty {
            builder.lock(.defaultSequences(of: relation, suppliedColumns: columns, suppliedCount: columns.count),
                         .rowExclusive, as: .sequence, "nextval() in the defaults of the columns COPY leaves out")
        }
        builder.lock(.indexesOfEach(.storageRelations(of: relation, includingDescendants: false)), .rowExclusive, as: .index,
                     "index entries of new rows; the executor releases the lock when it closes the index", duration: .released)
        let referenced: CatalogLookup = columns.isEmpty
            ? .referencedTables(of: relation) : .referencedTablesOfColumns(table: relation, columns: columns)
        lockForeignKeyCheck(referenced, as: .referencedTable, "foreign-key checks on new rows", into: &builder)
    }

    /// `MERGE` is PostgreSQL 15's, and its `RETURNING` clause PostgreSQL 17's.
    private func requireVersion(of query: ParseNode) throws(UnclassifiedStatement) {
        guard let merge = query.typed(.merge) else { return }
        try UnclassifiedStatement.require("MERGE", since: 15, on: version)
        if merge["returningClause"] != nil { try UnclassifiedStatement.require("MERGE … RETURNING", since: 17, on: version) }
    }

    private func lock(_ query: ParseNode, planned: Bool, executed: Bool, into builder: inout AnalysisBuilder) {
        var collector = QueryLockCollector()
        collector.collect(statement: query)
        for access in collector.accesses {
            builder.lock(access.relation, access.mode, as: access.role, reason(for: access))
        }
        guard planned else { return }
        for access in collector.accesses {
            if access.writtenBy == .insert {
                insertTarget(access, into: &builder)
                continue
            }
            if access.includesDescendants {
                builder.lock(.descendants(of: access.relation), access.mode, as: .descendant,
                             "inheritance children and partitions that are not pruned")
            }
            let reason = access.role == .target ? "index entries of written rows" : "the planner opens the indexes of each table it scans"
            if version >= 18 {
                builder.lock(.indexes(of: access.relation), access.mode, as: .index, reason + " (partitioned indexes too, PostgreSQL 18)")
                if access.includesDescendants {
                    builder.lock(.indexesOfEach(.descendants(of: access.relation)), access.mode, as: .index, reason)
                }
            } else {
                builder.lock(.indexesOfEach(.storageRelations(of: access.relation, includingDescendants: access.includesDescendants)),
                             access.mode, as: .index, reason)
            }
        }
        guard executed else { return }
        for sequence in collector.calledSequences {
            builder.lock(sequence, .rowExclusive, as: .sequence, "nextval(), setval() or currval() on the sequence the constant names")
        }
        for access in collector.accesses {
            if let command = access.writtenBy {
                foreignKeyChecks(on: access.relation, command: command, columns: access.writtenColumns, into: &builder)
            }
        }
    }

    /// An `INSERT` target: tuple routing locks the partitions that receive rows (inheritance
    /// children are left alone), defaults of left-out columns call `nextval()`, and the
    /// executor opens the indexes only while it inserts, unless `ON CONFLICT` made the planner
    /// open them.
    private func insertTarget(_ access: QueryLockCollector.Access, into builder: inout AnalysisBuilder) {
        let table = access.relation
        if access.includesDescendants {
            builder.lock(.partitions(of: table), .rowExclusive, as: .descendant, "partitions that receive rows")
        }
        builder.lock(.defaultSequences(of: table, suppliedColumns: access.writtenColumns, suppliedCount: access.suppliedCount),
                     .rowExclusive, as: .sequence, "nextval() in the defaults of the columns the INSERT leaves out")
        builder.lock(.indexesOfEach(.storageRelations(of: table, includingDescendants: access.includesDescendants)),
                     .rowExclusive, as: .index,
                     access.resolvesConflicts
                         ? "ON CONFLICT: the planner opens the indexes to find the arbiters"
                         : "index entries of new rows; the executor releases the lock when it closes the index",
                     duration: access.resolvesConflicts ? .transaction : .released)
    }

    /// The foreign-key checks a write runs (ri_triggers.c): a query with `FOR KEY SHARE`
    /// (`ROW SHARE`, and the planner opens the indexes) on the other table of each key whose
    /// columns the write sets: an `INSERT`'s named columns, an `UPDATE`'s `SET` columns.
    private func foreignKeyChecks(
        on table: RelationName, command: QueryCommand, columns: [String], into builder: inout AnalysisBuilder
    ) {
        let setsAllColumns = columns.isEmpty || command == .merge
        if command != .delete {
            let referenced: CatalogLookup = setsAllColumns
                ? .referencedTables(of: table) : .referencedTablesOfColumns(table: table, columns: columns)
            lockForeignKeyCheck(referenced, as: .referencedTable, "foreign-key checks of written rows (SELECT … FOR KEY SHARE)",
                                into: &builder)
        }
        if command != .insert {
            let referencing: CatalogLookup = setsAllColumns
                ? .referencingTables(of: table) : .referencingTablesOfColumns(table: table, columns: columns)
            lockForeignKeyCheck(referencing, as: .referencingTable,
                                "foreign-key checks of changed keys (ROW EXCLUSIVE where ON DELETE/UPDATE actions write)",
                                into: &builder)
        }
    }

    private func lockForeignKeyCheck(
        _ tables: CatalogLookup, as role: LockRole, _ reason: String, into builder: inout AnalysisBuilder
    ) {
        builder.lock(tables, .rowShare, as: role, reason)
        builder.lock(.indexesOfEach(tables), .rowShare, as: .index, "the check query's planner opens the indexes")
    }

    private func reason(for access: QueryLockCollector.Access) -> String {
        switch access.mode {
        case .rowExclusive: "written by the statement"
        case .rowShare: "row locks of FOR UPDATE/SHARE"
        default: "read by the query"
        }
    }

    private func facts(of node: ParseNode) -> QueryFacts {
        if let body = node.typed(.insert) {
            return QueryFacts(command: .insert, target: body["relation"]?.rangeVarName, hasWhereClause: false, locksRows: false)
        }
        if let body = node.typed(.update) {
            return QueryFacts(command: .update, target: body["relation"]?.rangeVarName,
                              hasWhereClause: body["whereClause"] != nil, locksRows: false)
        }
        if let body = node.typed(.delete) {
            return QueryFacts(command: .delete, target: body["relation"]?.rangeVarName,
                              hasWhereClause: body["whereClause"] != nil, locksRows: false)
        }
        if let body = node.typed(.merge) {
            return QueryFacts(command: .merge, target: body["relation"]?.rangeVarName, hasWhereClause: false, locksRows: false)
        }
        let select = node.typed(.select)
        return QueryFacts(command: .select, target: nil, hasWhereClause: select?["whereClause"] != nil,
                          locksRows: !(select?["lockingClause"]?.elements ?? []).isEmpty)
    }
}
