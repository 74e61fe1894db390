import OnlineDDLParsing

/// `VACUUM FULL` and `CLUSTER`: the table is rewritten under `ACCESS EXCLUSIVE`.
struct VacuumFullOrClusterRule: StatementLintRule {
    let id = RuleID.vacuumFullOrCluster
    let severity = Severity.error
    let summary = "VACUUM FULL and CLUSTER rewrite the table under ACCESS EXCLUSIVE, blocking reads and writes throughout"

    func check(_ statement: LintStatement, in context: LintContext) -> [Finding] {
        let command: String
        let tables: [RelationName]
        if let vacuum = statement.facts.vacuum, vacuum.full {
            command = "VACUUM FULL"
            tables = vacuum.relations
        } else if let cluster = statement.facts.cluster, let table = cluster.table {
            command = "CLUSTER"
            tables = [table]
        } else {
            return []
        }
        let names = LockImpact.list(tables.map(\.description))
        return [finding(
            at: statement, in: context,
            "\(command) rewrites \(names) and rebuilds the indexes while it holds "
                + "\(LockImpact(mode: .accessExclusive).phrase(on: names)), for as long as the rewrite takes",
            safeAlternative: """
                -- plain VACUUM takes \(LockImpact(mode: .shareUpdateExclusive).modeName); reads and writes continue:
                VACUUM (ANALYZE) \(tables.map(SQLText.relation).joined(separator: ", "));
                -- to reclaim space or reorder rows online, use the pg_repack or pg_squeeze extension instead
                """)]
    }
}
