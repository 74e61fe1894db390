import Foundation
import OnlineDDL

/// Where the CLI writes: results to standard output, diagnostics to standard error.
enum Console {
    static func output(_ line: String) {
        write(line + "\n")
    }

    /// Text that already ends with a newline.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ message: String) {
        let label = TextColor.red.paint("onlineddl: error:", enabled: Terminal.standardErrorColors)
        FileHandle.standardError.write(Data("\(label) \(message)\n".utf8))
    }

    /// Something the user should know that does not stop the command.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("onlineddl: note: \(message)\n".utf8))
    }

    /// Something the user should act on that does not stop the command.
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("onlineddl: warning: \(message)\n".utf8))
    }

    /// ArgumentParser's own usage message, which already says what is wrong.
    static func usageError(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// A diagnostic shown only with `--verbose`.
    static func verbose(_ message: String, enabled: Bool) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("onlineddl: \(message)\n".utf8))
    }
}
