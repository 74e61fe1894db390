import OnlineDDLParsing

/// One migration file read into memory, with the version and name its layout gives it.
public struct MigrationFile: Sendable {
    /// The version from the file (or folder) name, as written: leading zeros kept, Flyway's
    /// `1_1` or `1.1` as is, diesel's `2024-01-01-120000` as its digits `20240101120000`.
    public let version: String
    /// The name after the version, without the extension.
    public let name: String
    /// The path as given, for messages.
    public let path: String
    /// The file's bytes, exactly as read. The checksum covers all of them.
    public let contents: [UInt8]
    /// Why the file cannot be used as its layout reads it: it cannot be read (`contents` is
    /// then empty), or its layout's structure is wrong (dbmate's sections). ``parse()``
    /// throws it, so one such file never stops the others from being read.
    public let readError: SQLSyntaxError?
    /// How many leading bytes of `contents` hold what runs: all of them, except in a dbmate
    /// file, whose `-- migrate:down` section is cut off. Cutting the end off keeps every
    /// `line:column` of the file.
    public let runnableByteCount: Int
    /// The layout says the file runs statement by statement, as `-- onlineddl:no-transaction`
    /// does (dbmate's `-- migrate:up transaction:false`).
    public let forcesNoTransaction: Bool

    /// A migration whose whole contents run, unless `runnableByteCount` cuts them short.
    public init(
        version: String, name: String, path: String, contents: [UInt8], runnableByteCount: Int? = nil,
        forcesNoTransaction: Bool = false
    ) {
        self.version = version
        self.name = name
        self.path = path
        self.contents = contents
        self.runnableByteCount = runnableByteCount ?? contents.count
        self.forcesNoTransaction = forcesNoTransaction
        self.readError = nil
    }

    /// A migration that cannot be used: `error` says why, at `path:line:column`.
    public init(version: String, name: String, path: String, contents: [UInt8] = [], readError: SQLSyntaxError) {
        self.version = version
        self.name = name
        self.path = path
        self.contents = contents
        self.runnableByteCount = contents.count
        self.forcesNoTransaction = false
        self.readError = readError
    }

    /// Parses what runs with PostgreSQL's grammar; errors point at `path:line:column`.
    public func parse() throws(SQLSyntaxError) -> SQLScript {
        if let readError { throw readError }
        return try SQLScript(file: path, contents: Array(contents.prefix(runnableByteCount)))
    }

    /// Orders versions part by part, numerically: `2` before `10`, `0002` equal to `2`,
    /// `1.2` before `1.10`, and `1` equal to `1.0`. Parts are separated by `.` or `_`
    /// (Flyway's `1_1` is `1.1`).
    package static func numericOrder(_ lhs: String, _ rhs: String) -> Bool {
        let left = parts(lhs)
        let right = parts(rhs)
        for index in 0..<max(left.count, right.count) {
            let leftPart = index < left.count ? left[index] : "0"
            let rightPart = index < right.count ? right[index] : "0"
            if leftPart != rightPart {
                return leftPart.count != rightPart.count ? leftPart.count < rightPart.count : leftPart < rightPart
            }
        }
        return false
    }

    /// The version that identifies the migration: `0002` and `2` are the same, and so are
    /// Flyway's `1_1`, `1.1` and `1.1.0`.
    public var canonicalVersion: String { Self.canonical(version) }

    /// A version's parts without leading zeros, joined by `.`, trailing zero parts dropped
    /// (`"0"` for all zeros).
    package static func canonical(_ version: String) -> String {
        parts(version).joined(separator: ".")
    }

    /// `"01_2.0"` → `["1", "2"]`.
    private static func parts(_ version: String) -> [Substring] {
        var parts = version.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "_" }.map { part in
            let trimmed = part.drop { $0 == "0" }
            return trimmed.isEmpty ? "0" : trimmed
        }
        while parts.count > 1, parts.last == "0" { parts.removeLast() }
        return parts
    }
}
