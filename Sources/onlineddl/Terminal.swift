import Foundation

/// What the terminal can show: colors (``TextColor``) and a rewritable progress line only
/// on a TTY, and colors never when `NO_COLOR` is set (https://no-color.org) or `TERM` is `dumb`.
enum Terminal {
    static let standardOutputIsTTY = isatty(STDOUT_FILENO) == 1
    static let standardErrorIsTTY = isatty(STDERR_FILENO) == 1

    private static var colorsAllowed: Bool {
        let environment = ProcessInfo.processInfo.environment
        return environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }

    static let standardOutputColors = standardOutputIsTTY && colorsAllowed
    static let standardErrorColors = standardErrorIsTTY && colorsAllowed

}
