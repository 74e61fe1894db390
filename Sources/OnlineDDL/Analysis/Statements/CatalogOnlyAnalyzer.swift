import OnlineDDLParsing

/// Statements that lock no table: creating functions, types, extensions, schemas, domains
/// and roles, privileges defaults, `SHOW`, `SET CONSTRAINTS`; and database-level statements
/// that also refuse to run in a transaction block (`CREATE/DROP DATABASE`,
/// `CREATE/DROP TABLESPACE`, `ALTER SYSTEM`). `ALTER TYPE … ADD VALUE` cannot run in a
/// transaction block before PostgreSQL 12.
///
/// A SQL-language function's body is parse-analyzed at creation when
/// `check_function_bodies` is on, which briefly locks the tables it names; an extension's
/// script runs arbitrary SQL. Neither is modelled.
struct CatalogOnlyAnalyzer {
    let version: Int

    func analyze(_ kind: StatementKind, _ body: ParseNode, into builder: inout AnalysisBuilder) throws(UnclassifiedStatement) {
        if kind == .createSchema, !(body["schemaElts"]?.elements ?? []).isEmpty {
            throw UnclassifiedStatement(reason: "CREATE SCHEMA with embedded statements is not modelled")
        }
        builder.record(.none("catalog changes only"))
        switch kind {
        case .createDatabase, .dropDatabase, .alterSystem, .createTablespace, .dropTablespace:
            builder.transactional = false
        case .alterEnum where body["newVal"] != nil && body["oldVal"] == nil && version < 12:
            builder.transactional = false
        default:
            break
        }
    }
}
