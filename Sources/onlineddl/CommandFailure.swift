import OnlineDDL

/// A failure the CLI reports as one `error:` line and its ``ExitStatus``.
struct CommandFailure: Error {
    let message: String
    let exitStatus: ExitStatus

    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitStatus: .usage)
    }

    /// Input errors, one `error:` line each.
    static func usage(errors: [some CustomStringConvertible]) -> CommandFailure {
        usage(errors.map(\.description).joined(separator: "\nonlineddl: error: "))
    }

    static func database(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitStatus: .failure)
    }

    /// A read that `plan` or `status` cancelled after a short `lock_timeout` rather than
    /// queue: a system catalog or the history table is held or awaited in ACCESS EXCLUSIVE mode.
    static func lockedCatalog(_ historyTable: HistoryTable) -> CommandFailure {
        database("""
            did not wait for a lock: another session holds or awaits ACCESS EXCLUSIVE mode on a system catalog \
            or on the history table \(historyTable); `onlineddl locks` shows who; run again once it is released
            """)
    }
}
