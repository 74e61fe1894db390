import OnlineDDLAnalysis
import OnlineDDLParsing

/// Syntax the target PostgreSQL version's grammar does not have. onlineddl parses with
/// PostgreSQL 18's grammar, so such a statement is planned like any other, and the server of
/// an older version rejects it with a syntax error (42601) when apply sends it.
struct SyntaxNeedsNewerPostgresRule: StatementLintRule {
    let id = RuleID.syntaxNeedsNewerPostgres
    let severity = Severity.error
    let summary = "syntax newer than the target PostgreSQL version: its server rejects the statement with a syntax error"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let version = context.postgresMajorVersion
        return NewerSyntax.found(in: statement.sql.tree).filter { $0.since > version }.map { syntax in
            finding(
                at: statement, in: context,
                "\(syntax.description) is PostgreSQL \(syntax.since) syntax: PostgreSQL \(version) rejects the statement "
                    + "with a syntax error (42601)",
                safeAlternative: syntax.alternative(target: version))
        }
    }
}

extension NewerSyntax {
    /// What to write instead for a target `version` that lacks it.
    func alternative(target version: Int) -> String {
        let target = "-- or, if the database runs PostgreSQL \(since) or later, say so: --pg-version \(since), "
            + "or pg_version = \(since) in onlineddl.toml's [lint] table"
        switch self {
        case .subqueryWithoutAlias:
            return "-- give the subquery an alias, which every version accepts:\n-- … FROM (SELECT …) AS sub …\n" + target
        case .virtualGeneratedColumn:
            return "-- store it, which PostgreSQL 12 and later accept:\n-- … GENERATED ALWAYS AS (…) STORED\n" + target
        case .notNullTableConstraint:
            return "-- declare it on the column, which every version accepts:\n-- ALTER TABLE … ALTER COLUMN … SET NOT NULL;\n" + target
        case .jsonConstructor, .sqlJSONQuery, .mergeReturningOrBySource, .enforcedAttribute:
            return "-- write it with the syntax PostgreSQL \(version) has\n" + target
        }
    }
}
