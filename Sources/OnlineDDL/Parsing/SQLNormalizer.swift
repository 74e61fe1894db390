import CPgQuery

/// Replaces the constants of a query with `$1`, `$2`, … (libpg_query's
/// `pg_query_normalize`), so the data values a query carries are not shown.
public enum SQLNormalizer {
    /// The query with every constant replaced by a parameter and its comments removed,
    /// or nil when it does not parse (for example a query `pg_stat_activity` truncated).
    public static func normalize(_ query: String) -> String? {
        guard !query.utf8.contains(0), SQLParser.longestOperatorRun(Array(query.utf8)).length <= SQLParser.maxOperatorRun,
              case .success(let tokens) = SQLScanner.scan(query) else { return nil }
        let longest = SQLParser.longestStatement(tokens).tokens
        guard longest <= ParserThread.maxStatementTokens else { return nil }
        let withoutComments = removingComments(query, tokens: tokens)
        return ParserThread.run(statementTokens: longest) {
            let result = pg_query_normalize(withoutComments)
            defer { pg_query_free_normalize_result(result) }
            guard result.error == nil, let normalized = result.normalized_query else { return nil }
            return String(cString: normalized)
        }
    }

    /// `query` with each comment replaced by a space: a comment can quote data too.
    private static func removingComments(_ query: String, tokens: [SQLToken]) -> String {
        let bytes = Array(query.utf8)
        var kept: [UInt8] = []
        var next = 0
        for token in tokens where token.kind == .lineComment || token.kind == .blockComment {
            kept += bytes[next..<token.byteRange.lowerBound]
            kept.append(UInt8(ascii: " "))
            next = token.byteRange.upperBound
        }
        kept += bytes[next...]
        return String(decoding: kept, as: UTF8.self)
    }
}
