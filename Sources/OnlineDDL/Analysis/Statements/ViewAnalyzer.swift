import OnlineDDLParsing

/// `CREATE [OR REPLACE] VIEW` and `REFRESH MATERIALIZED VIEW` (view.c `DefineView`,
/// matview.c `ExecRefreshMatView`).
///
/// A view's query is parse-analyzed first (`ACCESS SHARE` on the relations it names); `OR
/// REPLACE` then takes `ACCESS EXCLUSIVE` on the view if it exists. `REFRESH` takes
/// `ACCESS EXCLUSIVE` (or `EXCLUSIVE` with `CONCURRENTLY`) on the materialized view, runs its
/// query, and then either swaps in the new heap and rebuilds the indexes, or applies the
/// difference with `DELETE` and `INSERT`.
struct ViewAnalyzer {
    let version: Int

    func analyzeCreateView(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let view = body["view"]?.rangeVarName, let query = body["query"] else {
            throw UnclassifiedStatement(reason: "CREATE VIEW without a name or query")
        }
        var collector = QueryLockCollector()
        collector.collect(statement: query)
        for access in collector.accesses {
            builder.lock(access.relation, access.mode, as: access.role, "read by the view's query")
        }
        if body.flag("replace") {
            builder.lock(view, .accessExclusive, as: .view, "CREATE OR REPLACE VIEW replaces the existing view")
            builder.note(.lockedOnlyIfExists(view))
        }
        builder.record(.none("stores the view's query; reads no rows"))
    }

    func analyzeRefresh(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let view = body["relation"]?.rangeVarName else {
            throw UnclassifiedStatement(reason: "REFRESH MATERIALIZED VIEW without a name")
        }
        let concurrent = body.flag("concurrent")
        let withData = !body.flag("skipData")
        builder.facts = .refreshMaterializedView(RefreshMaterializedViewFacts(view: view, concurrent: concurrent, withData: withData))
        if concurrent {
            builder.lock(view, .exclusive, as: .materializedView, "REFRESH … CONCURRENTLY lets readers continue")
            builder.lock(.viewBaseRelations(of: view), .accessShare, as: .source, "runs the view's query")
            builder.lock(.indexesOfEach(.viewBaseRelations(of: view)), .accessShare, as: .index,
                         "the view query's planner opens the indexes")
            builder.lock(view, .accessShare, as: .materializedView, "compares the new rows with the old ones")
            builder.lock(.indexes(of: view), .accessShare, as: .index, "the comparison query's planner opens every index")
            builder.lock(view, .rowExclusive, as: .materializedView, "applies the difference with DELETE and INSERT")
            builder.lock(.indexes(of: view), .rowExclusive, as: .index, "applies the difference to each index")
            builder.record(.scan("recomputes the query and applies the difference; readers are not blocked"))
            return
        }
        builder.lock(view, .accessExclusive, as: .materializedView, "REFRESH MATERIALIZED VIEW")
        if withData {
            builder.lock(.viewBaseRelations(of: view), .accessShare, as: .source, "runs the view's query")
            builder.lock(.indexesOfEach(.viewBaseRelations(of: view)), .accessShare, as: .index,
                         "the view query's planner opens the indexes")
            if version < 18 {
                builder.lock(view, .accessShare, as: .materializedView, "the view query's plan reads the old heap's definition")
            }
        }
        builder.lock(view, .exclusive, as: .materializedView, "the new heap is created under the view's lock")
        builder.lock(view, .share, as: .materializedView, "index rebuild after the heap swap")
        builder.lock(.indexes(of: view), .accessExclusive, as: .index, "index rebuild after the heap swap")
        builder.record(.rewrite(withData ? "recomputes the query into a new heap and swaps it in" : "swaps in an empty heap"))
    }
}
