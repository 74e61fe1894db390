/// The colors of text reports, as ANSI escape sequences; the command line decides whether
/// its terminal shows them (`NO_COLOR`, `TERM=dumb`, not a TTY).
public enum TextColor: String, Sendable {
    case red = "31", green = "32", yellow = "33", dim = "2"

    /// `text` in this color when `enabled`, else `text` as it is.
    public func paint(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
    }
}
