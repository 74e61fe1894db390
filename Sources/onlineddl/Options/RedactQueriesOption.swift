import ArgumentParser
import OnlineDDL

/// `--redact-queries`, for every command that shows other sessions' queries.
struct RedactQueriesOption: ParsableArguments {
    @Flag(
        name: .customLong("redact-queries"),
        help: "Show other sessions' queries with every constant replaced by $1, $2, … (data values never reach the output).")
    var redactQueries = false

    var policy: QueryTextPolicy { redactQueries ? .normalized : .shown }
}
