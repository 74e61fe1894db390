import OnlineDDLParsing

/// One problem a lint rule found in a migration file.
public struct Finding: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rule's id, such as ``RuleID/requireConcurrentIndex``.
    public let ruleID: RuleID
    /// The severity after configuration overrides.
    public let severity: Severity
    /// What is wrong: the lock taken (its `pg_locks` and SQL names), what it blocks, on which
    /// table, and for how long.
    public let message: String
    /// The file the finding is in, as given to ``SQLScript``.
    public let file: String
    /// The location of the statement's first token (of the comment, for a directive).
    public let location: SourceLocation
    /// The 0-based index of the statement in the file, or `nil` for a finding about a comment
    /// that belongs to no statement.
    public let statementIndex: Int?
    /// SQL that does the same without the problem, built from the statement's own names;
    /// `nil` when there is none.
    public let safeAlternative: String?

    /// Creates a finding.
    public init(
        ruleID: RuleID, severity: Severity, message: String, file: String, location: SourceLocation,
        statementIndex: Int?, safeAlternative: String?
    ) {
        self.ruleID = ruleID
        self.severity = severity
        self.message = message
        self.file = file
        self.location = location
        self.statementIndex = statementIndex
        self.safeAlternative = safeAlternative
    }

    /// `"file:line:column: warning: message [rule-id]"`.
    public var description: String {
        "\(file):\(location): \(severity): \(message) [\(ruleID)]"
    }

    /// The same finding with another severity.
    func with(severity: Severity) -> Finding {
        Finding(
            ruleID: ruleID, severity: severity, message: message, file: file, location: location,
            statementIndex: statementIndex, safeAlternative: safeAlternative)
    }
}
