import Testing
@testable import OnlineDDLAnalysis

@Suite("Analysis: default-expression volatility from the parse tree")
struct AnalyzerVolatilityTests {
    static let nonVolatile = [
        "0", "'text'", "NULL", "true", "1.5", "now()", "pg_catalog.now()", "CURRENT_TIMESTAMP", "CURRENT_DATE",
        "LOCALTIMESTAMP", "CURRENT_USER", "'now'::timestamptz", "0::bigint", "now()::date", "'{}'::jsonb",
        "ARRAY[1, 2]", "lower('A')", "coalesce(NULL, 1)", "CASE WHEN true THEN 1 ELSE 2 END", "1 + 2 * 3",
        "'a' || 'b'", "date_trunc('day', now())", "EXTRACT(year FROM now())", "jsonb_build_object('a', 1)",
        "greatest(1, 2)", "nullif(1, 2)", "1 IN (1, 2)", "'a' COLLATE \"C\"", "transaction_timestamp()",
        "current_setting('app.tenant')",
    ]

    static let volatile: [(expression: String, reason: String)] = [
        ("random()", "random() is volatile"),
        ("gen_random_uuid()", "gen_random_uuid() is volatile"),
        ("public.uuid_generate_v4()", "public.uuid_generate_v4() is volatile"),
        ("clock_timestamp()", "clock_timestamp() is volatile"),
        ("nextval('s')", "nextval() is volatile"),
        ("timeofday()", "timeofday() is volatile"),
        ("my_function()", "my_function() is not known to be immutable or stable"),
        ("app.now()", "app.now() is not known to be immutable or stable"),
        ("lower(random()::text)", "random() is volatile"),
        ("(random() * 10)::int", "random() is volatile"),
        ("CASE WHEN true THEN clock_timestamp() END", "clock_timestamp() is volatile"),
        ("1 OPERATOR(app.+) 2", "operator app.+ is not built in"),
        ("(SELECT 1)", "SubLink is not provably non-volatile"),
    ]

    private func volatility(of expression: String) throws -> ExpressionVolatility? {
        let analysis = try analyze("ALTER TABLE t ALTER COLUMN c SET DEFAULT \(expression)")
        return analysis.facts.alterTable?.subcommands.first?.newDefault?.volatility
    }

    @Test(arguments: nonVolatile)
    func nonVolatileExpression(_ expression: String) throws {
        #expect(try volatility(of: expression) == .nonVolatile)
    }

    @Test(arguments: zip(volatile.map(\.expression), volatile.map(\.reason)))
    func volatileExpression(_ expression: String, reason: String) throws {
        #expect(try volatility(of: expression) == .volatile(reason: reason))
    }
}
