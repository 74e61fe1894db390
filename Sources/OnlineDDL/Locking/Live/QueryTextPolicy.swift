import OnlineDDLParsing

/// How reports show other sessions' queries (`pg_stat_activity.query`): as the server has
/// them, or normalized, every constant replaced by `$1`, `$2`, …, so that the data values
/// a query carries (card numbers, e-mail addresses) never reach a CI log.
public enum QueryTextPolicy: Sendable, Equatable {
    /// As the server has it (then cut to one line for reports).
    case shown
    /// Normalized by PostgreSQL's own parser, comments removed; a query that does not parse
    /// (often one the server truncated) is replaced by ``notNormalizable``.
    case normalized

    /// What stands for a query that could not be normalized: never the raw text.
    public static let notNormalizable = "<query not shown: could not be normalized>"

    /// `query` as this policy shows it.
    public func text(of query: String) -> String {
        switch self {
        case .shown: query
        case .normalized: SQLNormalizer.normalize(query) ?? Self.notNormalizable
        }
    }
}
