/// An input file that cannot be read as SQL, located in the original file.
///
/// Its description has the form `file:line:column: message`, which editors and CI
/// annotations understand.
public struct SQLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let location: SourceLocation
    public let message: String

    public init(file: String, location: SourceLocation, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    public var description: String { "\(file):\(location): \(message)" }
}
