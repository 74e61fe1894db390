import OnlineDDLParsing

/// A configuration file (`onlineddl.toml`, diesel's `metadata.toml`) that cannot be used:
/// bad TOML, an unknown key, a value of the wrong type or out of range. It names the file,
/// and the key or the `line:column` at fault.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    /// Where a TOML syntax error is.
    public let location: SourceLocation?
    /// The dotted key at fault, as in `apply.lock_timeout`.
    public let key: String?
    public let message: String

    public init(path: String, location: SourceLocation? = nil, key: String? = nil, message: String) {
        self.path = path
        self.location = location
        self.key = key
        self.message = message
    }

    public var description: String {
        if let location { return "\(path):\(location): \(message)" }
        if let key { return "\(path): \(key): \(message)" }
        return "\(path): \(message)"
    }
}
