/// An input file that cannot be read as SQL, located in the original file.
///
/// Its description has the form `file:line:column: message`, which editors and CI
/// annotations understand.
public struct SQLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem the file has.
    public enum Kind: Sendable, Equatable {
        /// The text does not parse, or does not make a migration onlineddl can run.
        case syntax
        /// The bytes cannot be read as text: the file cannot be opened, holds a NUL byte, or
        /// is not valid UTF-8.
        case unreadable
    }

    public let file: String
    public let location: SourceLocation
    public let message: String
    public let kind: Kind

    public init(file: String, location: SourceLocation, message: String, kind: Kind = .syntax) {
        self.file = file
        self.location = location
        self.message = message
        self.kind = kind
    }

    public var description: String { "\(file):\(location): \(message)" }
}
