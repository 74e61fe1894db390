/// A file, or part of one, that a layout holds and onlineddl does not run: reported, never
/// dropped silently.
public struct IgnoredMigrationPart: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// A down migration (golang-migrate's `.down.sql`, diesel's `down.sql`, dbmate's
        /// `-- migrate:down` section, Flyway's `U…` undo file): onlineddl applies forward only.
        case down
        /// A kind of file the layout's own tool runs and onlineddl does not (Flyway's
        /// repeatable and baseline migrations, callbacks and script configuration).
        case unsupported
    }

    public let kind: Kind
    /// The file, or `file:line` of a section.
    public let path: String
    /// What the part is and, for unsupported ones, what to do instead.
    public let reason: String

    public init(kind: Kind, path: String, reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
