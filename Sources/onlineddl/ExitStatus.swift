import Foundation
import OnlineDDL

/// Every exit code of the command line, in one table: docs/guide.md#exit-codes and each
/// command's page repeat it for users, and every command maps its outcomes through here.
enum ExitStatus: Int32 {
    /// Done: migrations applied (or none pending), the history matches the files, or the
    /// plan has nothing at or above `--fail-on`.
    case success = 0
    /// Something the pipeline must look at: a database error or a failed migration
    /// statement; for `plan`, a finding at or above `--fail-on`; for `status`, an applied
    /// file that changed since.
    case failure = 1
    /// Bad flags, arguments, configuration or input files: nothing was run.
    case usage = 2
    /// Gave up waiting for locks (`--max-attempts`, `--max-wait`) or for another runner.
    case gaveUp = 3
    /// Stopped by SIGINT (128 + 2): rolled back, run lock released.
    case interrupted = 130
    /// Stopped by SIGTERM (128 + 15): rolled back, run lock released.
    case terminated = 143

    /// How `apply` ended.
    init(_ failure: RunFailure) {
        switch failure {
        case .statementFailed, .cannotConnect, .historyUnavailable, .standbyUnavailable, .database: self = .failure
        case .checksumsChanged, .cannotRun: self = .usage
        case .gaveUp, .runnerBusy: self = .gaveUp
        case .interrupted(let signal): self = signal == SIGINT ? .interrupted : .terminated
        }
    }

    /// How `adopt` or `baseline` refused.
    init(_ failure: AdoptionFailure) {
        switch failure {
        case .cannotConnect, .historyUnavailable, .database: self = .failure
        case .refused, .changed, .toolTableMissing, .notToolTable, .noToolFound, .severalToolsFound: self = .usage
        case .runnerBusy: self = .gaveUp
        }
    }
}
