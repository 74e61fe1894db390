import OnlineDDLParsing
import OnlineDDLSupport

/// Per-file settings written in the file's leading comments:
///
/// ```sql
/// -- onlineddl:no-transaction
/// -- onlineddl:lock-timeout=500ms
/// -- onlineddl:statement-timeout=30m
/// -- onlineddl:max-attempts=20
/// -- onlineddl:parallel-workers=4
/// ```
///
/// Leading comments are the ones before the first statement. A directive anywhere else,
/// an unknown `onlineddl:` word, or a bad value is an error at the comment's
/// `file:line:column`, so a misspelled directive never silently does nothing. The lint
/// rules' `onlineddl:ignore` comments are not directives and may appear anywhere.
public struct MigrationDirectives: Sendable, Equatable {
    /// Do not run the file in one transaction even if every statement could run in a
    /// transaction block: each statement outside `BEGIN … COMMIT` blocks commits on its own.
    public var noTransaction = false
    /// Overrides the run's `lock_timeout` for this file.
    public var lockTimeout: Duration?
    /// Overrides the run's `statement_timeout` for this file.
    public var statementTimeout: Duration?
    /// Overrides the run's maximum attempts for this file.
    public var maxAttempts: Int?
    /// Overrides the run's parallel workers per statement for this file.
    public var parallelWorkers: Int?
    /// The parallel workers PostgreSQL accepts (`max_parallel_maintenance_workers`,
    /// `max_parallel_workers_per_gather`).
    public static let parallelWorkersRange = 0...1024

    static let prefix = "onlineddl:"
    private static let ruleComments: Set<String> = ["onlineddl:ignore", "onlineddl:ignore-file"]

    public init() {}

    /// Reads the directives of a parsed file.
    public init(script: SQLScript) throws(SQLSyntaxError) {
        let firstStatement = script.statements.first?.byteRange.lowerBound ?? Int.max
        for comment in script.comments {
            guard let (keyword, value) = Self.directive(in: comment) else { continue }
            func fail(_ message: String) -> SQLSyntaxError {
                SQLSyntaxError(file: script.file, location: comment.location, message: message)
            }
            guard comment.byteRange.lowerBound < firstStatement else {
                throw fail("directive \(Self.prefix)\(keyword.singleLine(limit: 40)) must be in the comments before the file's first statement")
            }
            switch keyword {
            case "no-transaction":
                guard value == nil else { throw fail("\(Self.prefix)no-transaction takes no value") }
                noTransaction = true
            case "lock-timeout":
                let timeout = try Self.duration(value, keyword: keyword, fail: fail)
                guard timeout > .zero else {
                    throw fail("\(Self.prefix)lock-timeout=0 would let a statement wait forever in the lock queue; give a duration such as 2s")
                }
                lockTimeout = timeout
            case "statement-timeout":
                statementTimeout = try Self.duration(value, keyword: keyword, fail: fail)
            case "max-attempts":
                guard let value, let attempts = Int(value), attempts >= 1 else {
                    throw fail("\(Self.prefix)max-attempts needs a whole number of at least 1, as in -- onlineddl:max-attempts=5")
                }
                maxAttempts = attempts
            case "parallel-workers":
                guard let value, let workers = Int(value), Self.parallelWorkersRange.contains(workers) else {
                    throw fail("\(Self.prefix)parallel-workers needs a whole number from 0 to \(Self.parallelWorkersRange.upperBound), as in -- onlineddl:parallel-workers=4")
                }
                parallelWorkers = workers
            default:
                throw fail("unknown directive \(Self.prefix)\(keyword.singleLine(limit: 40)); known: no-transaction, lock-timeout=…, statement-timeout=…, max-attempts=…, parallel-workers=…, and the lint comments ignore / ignore-file")
            }
        }
    }

    /// `("lock-timeout", "2s")` for `-- onlineddl:lock-timeout=2s`; nil for other comments
    /// and for the lint rules' ignore comments.
    private static func directive(in comment: SQLComment) -> (keyword: String, value: String?)? {
        // Matched without regard to case, so `-- OnlineDDL:No-Transaction` is not silently ignored.
        guard let word = comment.body.split(whereSeparator: \.isWhitespace).first?.lowercased(), word.hasPrefix(prefix)
        else { return nil }
        guard !ruleComments.contains(String(word)) else { return nil }
        let setting = word.dropFirst(prefix.count)
        guard let equals = setting.firstIndex(of: "=") else { return (String(setting), nil) }
        return (String(setting[..<equals]), String(setting[setting.index(after: equals)...]))
    }

    private static func duration(
        _ value: String?, keyword: String, fail: (String) -> SQLSyntaxError
    ) throws(SQLSyntaxError) -> Duration {
        guard let value else { throw fail("\(prefix)\(keyword) needs a value, as in -- onlineddl:\(keyword)=5s") }
        do {
            return try DurationText.parse(value)
        } catch {
            throw fail("\(prefix)\(keyword): \(error.description)")
        }
    }
}
