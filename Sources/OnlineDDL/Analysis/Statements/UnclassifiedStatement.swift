/// Thrown by a family analyzer when it meets a statement (or subcommand) it does not model,
/// or syntax the analyzed PostgreSQL version does not have.
struct UnclassifiedStatement: Error {
    let reason: String
    /// Whether the statement may still run in a transaction block; `false` for statements
    /// known to refuse one even though their locks are not modelled (`REINDEX DATABASE`).
    var transactional = true

    /// Fails unless `version` is at least `minimum`.
    static func require(_ feature: String, since minimum: Int, on version: Int) throws(UnclassifiedStatement) {
        guard version >= minimum else {
            throw UnclassifiedStatement(reason: "\(feature) requires PostgreSQL \(minimum) or later")
        }
    }
}
