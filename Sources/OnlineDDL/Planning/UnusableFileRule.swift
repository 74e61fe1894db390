import OnlineDDLLint
import OnlineDDLParsing

/// The findings `plan` reports for a file it cannot plan, documented with the lint rules in
/// docs/rules. They are not lint rules: no comment, `--ignore` or severity override switches
/// them off, for nothing else of the file is checked until it is fixed.
public enum UnusableFileRule: CaseIterable, Sendable {
    /// The file cannot be opened, holds a NUL byte, or is not valid UTF-8.
    case unreadableFile
    /// PostgreSQL's grammar rejects the file, or onlineddl cannot run it as a migration.
    case syntaxError

    /// The rule's id, as findings and `docs/rules/<id>.md` name it.
    public var id: RuleID {
        switch self {
        case .unreadableFile: .unreadableFile
        case .syntaxError: .syntaxError
        }
    }

    /// Always an error: the file cannot run.
    public var severity: Severity { .error }

    /// One line saying what the rule reports.
    public var summary: String {
        switch self {
        case .unreadableFile:
            "the file cannot be read as text (permissions, a NUL byte, invalid UTF-8), so nothing of it is checked or run"
        case .syntaxError:
            "the file does not parse with PostgreSQL's grammar or is not a migration onlineddl can run, so nothing of it is checked"
        }
    }

    /// The rule that reports `error`.
    public init(_ error: SQLSyntaxError) {
        switch error.kind {
        case .unreadable: self = .unreadableFile
        case .syntax: self = .syntaxError
        }
    }

    /// `error` as a finding about its file as a whole, at its `line:column`.
    static func finding(_ error: SQLSyntaxError) -> Finding {
        let rule = UnusableFileRule(error)
        return Finding(
            ruleID: rule.id, severity: rule.severity, message: error.message, file: error.file, location: error.location,
            statementIndex: nil, safeAlternative: nil)
    }
}
