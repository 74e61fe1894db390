/// Why a ``LockScenario`` cannot be run. Steps are numbered from 1.
public enum LockScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `pg_version` is older than ``LockScenario/oldestSupportedPostgresVersion``.
    case unsupportedPostgresVersion(Int)
    /// The step has none of `lock`, `"release": true`, `"cancel": true`.
    case missingAction(step: Int)
    /// The step has more than one of `lock`, `"release": true`, `"cancel": true`.
    case conflictingActions(step: Int)
    /// A lock step without `mode`.
    case missingMode(step: Int)
    /// `mode` is not a `pg_locks` mode name.
    case unknownMode(step: Int, name: String)
    /// A field that only lock steps take, on a release or cancel step.
    case fieldNotAllowed(step: Int, field: String)
    /// A lock or release step for a session that sleeps on a lock: it cannot send anything.
    case sessionIsWaiting(step: Int, session: String)
    /// A cancel step for a session that is not waiting for a lock.
    case sessionNotWaiting(step: Int, session: String)

    /// A one-line explanation naming the step.
    public var description: String {
        switch self {
        case .unsupportedPostgresVersion(let version):
            "pg_version \(version) is not supported; use \(LockScenario.oldestSupportedPostgresVersion) or later"
        case .missingAction(let step):
            "step \(step): needs one of \"lock\", \"release\": true or \"cancel\": true"
        case .conflictingActions(let step):
            "step \(step): takes only one of \"lock\", \"release\": true and \"cancel\": true"
        case .missingMode(let step):
            "step \(step): a lock step needs a \"mode\" such as \"RowExclusiveLock\""
        case .unknownMode(let step, let name):
            "step \(step): unknown lock mode \"\(name)\"; expected one of "
                + LockMode.allCases.map(\.pgLocksName).joined(separator: ", ")
        case .fieldNotAllowed(let step, let field):
            "step \(step): \"\(field)\" is only allowed on a lock step"
        case .sessionIsWaiting(let step, let session):
            "step \(step): session \"\(session)\" is waiting for a lock and cannot send a statement"
        case .sessionNotWaiting(let step, let session):
            "step \(step): session \"\(session)\" is not waiting for a lock, so there is nothing to cancel"
        }
    }
}
