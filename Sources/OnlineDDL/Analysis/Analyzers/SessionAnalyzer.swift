/// Transaction control (`BEGIN`, `COMMIT`, `SAVEPOINT`, …), `SET`/`RESET` and
/// `SET CONSTRAINTS`: no table locks, but facts a runner needs.
struct SessionAnalyzer {
    func analyzeTransaction(_ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        let savepoint = body["savepoint_name"]?.stringValue ?? ""
        let gid = body["gid"]?.stringValue ?? ""
        let control: TransactionControl
        switch body["kind"]?.stringValue {
        case "TRANS_STMT_BEGIN", "TRANS_STMT_START": control = .begin
        case "TRANS_STMT_COMMIT": control = .commit
        case "TRANS_STMT_ROLLBACK": control = .rollback
        case "TRANS_STMT_SAVEPOINT": control = .savepoint(savepoint)
        case "TRANS_STMT_RELEASE": control = .releaseSavepoint(savepoint)
        case "TRANS_STMT_ROLLBACK_TO": control = .rollbackToSavepoint(savepoint)
        case "TRANS_STMT_PREPARE": control = .prepareTransaction(gid)
        case "TRANS_STMT_COMMIT_PREPARED": control = .commitPrepared(gid)
        case "TRANS_STMT_ROLLBACK_PREPARED": control = .rollbackPrepared(gid)
        default: throw UnclassifiedStatement(reason: "unknown transaction statement")
        }
        switch control {
        case .commitPrepared, .rollbackPrepared: builder.transactional = false
        default: break
        }
        builder.facts = .transactionControl(control)
        builder.record(.none("transaction control"))
    }

    func analyzeSet(_ body: ParseNode, into builder: inout AnalysisBuilder) {
        let action: SessionSetting.Action
        switch body["kind"]?.stringValue {
        case "VAR_SET_VALUE": action = .set
        case "VAR_SET_DEFAULT": action = .setDefault
        case "VAR_RESET": action = .reset
        case "VAR_RESET_ALL": action = .resetAll
        default: action = .other
        }
        builder.facts = .sessionSetting(SessionSetting(
            action: action, name: body["name"]?.stringValue,
            values: (body["args"]?.elements ?? []).compactMap(\.constantText), isLocal: body.flag("is_local")))
        builder.record(.none("changes a run-time parameter"))
    }
}
