/// A run of a migration file's statements that commits as one: the whole file in the
/// runner's transaction, an explicit `BEGIN … COMMIT` block, or one statement outside blocks.
public struct ExecutionUnit: Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        /// Every statement of the file and its history row in one transaction the runner opens.
        case file
        /// `BEGIN … COMMIT` as written: the range includes both, and the history row's
        /// progress is written just before the `COMMIT`.
        case block
        /// One statement outside blocks, committed on its own as psql runs it.
        case statement
    }

    public let kind: Kind
    /// The 0-based indices of the unit's statements in the file.
    public let statements: Range<Int>

    public init(kind: Kind, statements: Range<Int>) {
        self.kind = kind
        self.statements = statements
    }
}
