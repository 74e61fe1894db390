import OnlineDDLSupport

/// An error from the server or from libpq.
///
/// Its `description` carries the severity, SQLSTATE and primary message, but never the
/// server's DETAIL (which can quote row values) nor the statement text, so it is safe for
/// logs. Connection errors have passwords scrubbed before they are stored here.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not connect, or the connection was lost.
        case connection
        /// The server rejected a statement.
        case server
        /// A result could not be read as the requested Swift type, or the client was misused.
        case client
    }

    public let kind: Kind
    public let sqlState: SQLState?
    /// `ERROR`, `FATAL` or `PANIC` for server errors.
    public let severity: String?
    public let message: String
    public let detail: String?
    public let hint: String?
    /// 1-based character position in the statement text that the error points at.
    public let position: Int?

    public init(
        kind: Kind, sqlState: SQLState? = nil, severity: String? = nil, message: String,
        detail: String? = nil, hint: String? = nil, position: Int? = nil
    ) {
        self.kind = kind
        self.sqlState = sqlState
        self.severity = severity
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    /// True when the connection is unusable: retrying needs a new connection.
    public var isConnectionError: Bool {
        kind == .connection || sqlState?.isConnectionException == true
    }

    public var description: String {
        var text = ""
        if let severity { text += severity + " " }
        if let sqlState { text += "\(sqlState): " } else if !text.isEmpty { text += ": " }
        text += message
        if let hint { text += " (hint: \(hint))" }
        return text
    }
}
