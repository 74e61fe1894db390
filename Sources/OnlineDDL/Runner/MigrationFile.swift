/// One migration file, `VERSION_name.sql`, read into memory.
public struct MigrationFile: Sendable {
    /// The digits before the first underscore, as written (leading zeros kept).
    public let version: String
    /// The part after the first underscore, without `.sql`.
    public let name: String
    /// The path as given, for messages.
    public let path: String
    /// The file's bytes, exactly as read.
    public let contents: [UInt8]

    public init(version: String, name: String, path: String, contents: [UInt8]) {
        self.version = version
        self.name = name
        self.path = path
        self.contents = contents
    }

    /// Parses the file with PostgreSQL's grammar; errors point at `path:line:column`.
    public func parse() throws(SQLSyntaxError) -> SQLScript {
        try SQLScript(file: path, contents: contents)
    }

    /// Orders versions numerically: `2` before `10`, and `0002` equal to `2`.
    static func numericOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = lhs.drop { $0 == "0" }
        let right = rhs.drop { $0 == "0" }
        return left.count != right.count ? left.count < right.count : left < right
    }

    /// The version without leading zeros, which identifies it: `0002` and `2` are the same.
    public var canonicalVersion: String { Self.canonical(version) }

    /// A version without leading zeros (`"0"` for all zeros).
    static func canonical(_ version: String) -> String {
        let trimmed = version.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : String(trimmed)
    }
}
