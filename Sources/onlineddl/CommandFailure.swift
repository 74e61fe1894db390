/// A failure the CLI reports as one `error:` line and a documented exit code.
struct CommandFailure: Error {
    /// A database or migration error.
    static let databaseExitCode: Int32 = 1
    /// Bad flags, arguments or input files.
    static let usageExitCode: Int32 = 2
    /// Gave up waiting for locks, or for another runner.
    static let gaveUpExitCode: Int32 = 3

    let message: String
    let exitCode: Int32

    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: usageExitCode)
    }

    /// Input errors, one `error:` line each.
    static func usage(errors: [some CustomStringConvertible]) -> CommandFailure {
        usage(errors.map(\.description).joined(separator: "\nonlineddl: error: "))
    }

    static func database(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: databaseExitCode)
    }
}
