import OnlineDDLParsing

/// Decides from a raw parse tree whether an expression is volatile, conservatively: anything
/// not provably immutable or stable counts as volatile.
///
/// Non-volatile:
/// - constants (`A_Const`), `NULL`, column references;
/// - SQL value functions: `CURRENT_TIMESTAMP`, `CURRENT_DATE`, `LOCALTIMESTAMP`,
///   `CURRENT_USER`, … (all stable);
/// - casts (`'now'::timestamptz`, `0::bigint`): built-in input and cast functions are
///   immutable or stable, so a cast is as volatile as its argument;
/// - unqualified or `pg_catalog` operators (built-in operators are immutable or stable),
///   `CASE`, `COALESCE`, `NULLIF`, `IN`, `BETWEEN`, `GREATEST`/`LEAST`, `AND`/`OR`/`NOT`,
///   `IS [NOT] NULL`,
///   `ARRAY[…]`, `ROW(…)` and `COLLATE`, when their operands are non-volatile;
/// - calls to these immutable or stable functions (checked against `pg_proc.dat`, PG 15
///   and 18) with non-volatile arguments: ``nonVolatileFunctions``.
///
/// Volatile:
/// - calls to ``knownVolatileFunctions`` such as `random()`, `gen_random_uuid()`,
///   `clock_timestamp()`, `nextval()`, `uuid_generate_v4()`;
/// - calls to any other function, including schema-qualified ones outside `pg_catalog`;
/// - operators qualified with another schema, subqueries, and any other node.
enum ExpressionVolatilityClassifier {
    /// Immutable or stable built-in functions.
    static let nonVolatileFunctions: Set<String> = [
        "now", "transaction_timestamp", "statement_timestamp", "current_setting",
        "current_database", "current_schema", "lower", "upper", "length", "char_length",
        "btrim", "ltrim", "rtrim", "replace", "substr", "substring", "left", "right", "md5",
        "abs", "round", "trunc", "floor", "ceil", "ceiling", "date_trunc", "date_part",
        "extract", "timezone", "to_timestamp", "to_char", "to_date", "to_number", "format",
        "jsonb_build_object", "json_build_object", "jsonb_build_array", "json_build_array",
        "to_jsonb", "to_json", "array_length", "cardinality", "array_fill",
    ]

    /// Functions known to be volatile; named in the reason.
    static let knownVolatileFunctions: Set<String> = [
        "random", "random_normal", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
        "uuid_generate_v4", "uuidv4", "uuidv7", "clock_timestamp", "timeofday", "nextval",
        "setval", "currval", "lastval",
    ]

    /// The volatility of an expression node.
    static func classify(_ node: ParseNode) -> ExpressionVolatility {
        guard let type = node.nodeType, let body = node[type] else {
            return .volatile(reason: "unrecognised expression")
        }
        switch type {
        case "A_Const", "ColumnRef", "SQLValueFunction", "ParamRef", "SetToDefault":
            return .nonVolatile
        case "TypeCast", "CollateClause", "NullTest", "BooleanTest":
            return classifyAll([body["arg"]])
        case "A_Expr":
            return classifyOperator(body)
        case "BoolExpr", "CoalesceExpr", "MinMaxExpr", "RowExpr":
            return classifyAll(body["args"]?.elements ?? [])
        case "A_ArrayExpr":
            return classifyAll(body["elements"]?.elements ?? [])
        case "List":
            return classifyAll(body["items"]?.elements ?? [])
        case "CaseExpr":
            let whens = (body["args"]?.elements ?? []).compactMap { $0.typed("CaseWhen") }
            return classifyAll([body["arg"], body["defresult"]] + whens.flatMap { [$0["expr"], $0["result"]] })
        case "FuncCall":
            return classifyCall(body)
        default:
            return .volatile(reason: "\(type) is not provably non-volatile")
        }
    }

    private static func classifyAll(_ nodes: [ParseNode?]) -> ExpressionVolatility {
        for node in nodes.compactMap({ $0 }) {
            let volatility = classify(node)
            if volatility.isVolatile { return volatility }
        }
        return .nonVolatile
    }

    private static func classifyOperator(_ body: ParseNode) -> ExpressionVolatility {
        let name = body["name"]?.stringList ?? []
        if name.count > 1, name.first != "pg_catalog" {
            return .volatile(reason: "operator \(name.joined(separator: ".")) is not built in")
        }
        return classifyAll([body["lexpr"], body["rexpr"]])
    }

    private static func classifyCall(_ body: ParseNode) -> ExpressionVolatility {
        let parts = body["funcname"]?.stringList ?? []
        guard let name = parts.last else { return .volatile(reason: "unnamed function call") }
        let display = parts.joined(separator: ".") + "()"
        if knownVolatileFunctions.contains(name) {
            return .volatile(reason: "\(display) is volatile")
        }
        guard parts.count == 1 || parts.first == "pg_catalog", nonVolatileFunctions.contains(name) else {
            return .volatile(reason: "\(display) is not known to be immutable or stable")
        }
        return classifyAll(body["args"]?.elements ?? [])
    }
}
