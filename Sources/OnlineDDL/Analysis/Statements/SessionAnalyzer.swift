import OnlineDDLParsing

/// Transaction control (`BEGIN`, `COMMIT`, `SAVEPOINT`, …), `SET`/`RESET` and
/// `SET CONSTRAINTS`: no table locks, but facts a runner needs.
struct SessionAnalyzer {
    func analyzeTransaction(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        guard let control = TransactionControl(transactionStatement: body) else {
            throw UnclassifiedStatement(reason: "unknown transaction statement")
        }
        switch control {
        case .commitPrepared, .rollbackPrepared: builder.transactional = false
        default: break
        }
        builder.facts = .transactionControl(control)
        builder.record(.none("transaction control"))
    }

    func analyzeSet(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        builder.facts = .sessionSetting(SessionSetting(
            action: SessionSetting.Action(parserName: body["kind"]?.stringValue), name: body["name"]?.stringValue,
            values: (body["args"]?.elements ?? []).compactMap(\.constantText), isLocal: body.flag("is_local")))
        builder.record(.none("changes a run-time parameter"))
    }
}
