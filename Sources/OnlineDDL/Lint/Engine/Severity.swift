/// How serious a lint finding is. Ordered `info < warning < error`; encoded as its
/// lower-case name (`"warning"`).
public enum Severity: String, Hashable, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Worth knowing; nothing is wrong by itself.
    case info
    /// Likely to block traffic or break running code; review before deploying.
    case warning
    /// Fails, or blocks traffic for as long as the table is large; do not deploy as written.
    case error

    /// Orders severities from `info` to `error`.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }

    /// The lower-case name.
    public var description: String { rawValue }

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }
}
