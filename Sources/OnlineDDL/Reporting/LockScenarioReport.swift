import OnlineDDLLocking
import OnlineDDLSupport

/// Renders a scenario run as readable text: per step, the action, the lock table and errors.
///
/// ```
/// Step 2: s2 locks t1 in ACCESS EXCLUSIVE mode NOWAIT
///   object  session  mode              state
///   t1      s1       RowExclusiveLock  granted
///   error: s2 55P03 lock_not_available
/// ```
public enum LockScenarioReport {
    /// The report for `actions` and the `result` of running them (one state per action).
    public static func render(actions: [LockScenarioAction], result: LockScenarioResult) -> String {
        var lines: [String] = []
        for (offset, (action, state)) in zip(actions, result.states).enumerated() {
            lines.append("Step \(offset + 1): \(describe(action))")
            lines.append(contentsOf: table(state.locks))
            for (session, code) in state.errors.sorted(by: { $0.key < $1.key }) {
                let words = [session, code, conditionName(of: code)].compactMap { $0 }
                lines.append("  error: " + words.joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func describe(_ action: LockScenarioAction) -> String {
        switch action {
        case .lock(let session, let object, let mode, let noWait):
            "\(session) locks \(object) in \(mode.sqlName) mode" + (noWait ? " NOWAIT" : "")
        case .release(let session):
            "\(session) commits"
        case .cancel(let session):
            "\(session) is cancelled while waiting"
        }
    }

    private static func table(_ rows: [LockRow]) -> [String] {
        if rows.isEmpty { return ["  (no locks)"] }
        let cells = [["object", "session", "mode", "state"]] + rows.map {
            [$0.object, $0.session, $0.mode.pgLocksName, $0.granted ? "granted" : "waiting"]
        }
        let widths = (0..<3).map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            let padded = zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
            return "  " + (padded + [row[3]]).joined(separator: "  ")
        }
    }

    /// The condition name of each SQLSTATE a scenario can produce.
    private static func conditionName(of code: String) -> String? {
        switch SQLState(rawValue: code) {
        case .deadlockDetected: "deadlock_detected"
        case .lockNotAvailable: "lock_not_available"
        case .queryCanceled: "query_canceled"
        case .inFailedSQLTransaction: "in_failed_sql_transaction"
        default: nil
        }
    }
}
