import Foundation

/// A migration tool (psql or onlineddl) running as a child process. Records when it exited
/// and, for `onlineddl apply --format json`, when its `migration_done` line arrived.
final class MigrationProcess: @unchecked Sendable {
    /// How a finished process ended.
    struct Outcome {
        let exitedAt: ContinuousClock.Instant
        let status: Int32
        /// When the `migration_done` event line was read; nil if none was printed.
        let migrationDoneAt: ContinuousClock.Instant?
        /// Standard output and standard error, interleaved.
        let output: String
    }

    private let process = Process()
    private let clock = ContinuousClock()
    private let lock = NSLock()
    private let exited = DispatchSemaphore(value: 0)
    private let outputClosed = DispatchSemaphore(value: 0)
    private var exitedAt: ContinuousClock.Instant?
    private var migrationDoneAt: ContinuousClock.Instant?
    private var output = ""

    /// Starts `executable` with `arguments`.
    init(executable: String, arguments: [String]) throws {
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [self] _ in
            let now = clock.now
            lock.withLock { exitedAt = now }
            exited.signal()
        }
        try process.run()
        Thread { [self] in
            read(pipe.fileHandleForReading)
            outputClosed.signal()
        }.start()
    }

    /// Waits for the process to exit; after `timeout` it is terminated and nil returned.
    func wait(timeout: Duration) -> Outcome? {
        guard exited.wait(timeout: .now() + timeout.seconds) == .success else {
            process.terminate()
            process.waitUntilExit()
            return nil
        }
        outputClosed.wait()
        return lock.withLock {
            Outcome(exitedAt: exitedAt!, status: process.terminationStatus, migrationDoneAt: migrationDoneAt, output: output)
        }
    }

    /// Collects the output until end of file, stamping the `migration_done` line on arrival.
    private func read(_ handle: FileHandle) {
        var pending = ""
        while case let data = handle.availableData, !data.isEmpty {
            let now = clock.now
            pending += String(decoding: data, as: UTF8.self)
            while let newline = pending.firstIndex(of: "\n") {
                let line = pending[..<newline]
                lock.withLock {
                    if migrationDoneAt == nil, line.contains(#""event":"migration_done""#) { migrationDoneAt = now }
                    output += line + "\n"
                }
                pending.removeSubrange(...newline)
            }
        }
        lock.withLock { output += pending }
    }
}
