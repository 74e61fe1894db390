/// Statements whose catalog-aware locks knowingly differ from `pg_locks`, each with the
/// reason. A listed statement that becomes exact fails the test, so the list stays current.
struct GroundTruthException {
    /// The statement as ``GroundTruthStatements`` spells it (for a sample, with its holder).
    let sql: String
    /// The PostgreSQL major versions it applies to.
    let versions: Set<Int>
    /// Why the analyzer differs.
    let reason: String
}

enum GroundTruthExceptions {
    static let all: [GroundTruthException] = []

    static func exception(for sql: String, version: Int) -> GroundTruthException? {
        all.first { $0.sql == sql && $0.versions.contains(version) }
    }
}
