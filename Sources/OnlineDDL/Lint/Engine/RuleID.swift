/// The stable kebab-case id of a rule, as configuration, ignore comments, findings and
/// `docs/rules/<id>.md` name it.
public enum RuleID: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    // The lint rules, in documentation order (``Linter/builtInRules``).
    case requireConcurrentIndex = "require-concurrent-index"
    case constraintMissingNotValid = "constraint-missing-not-valid"
    case validateInSameTransaction = "validate-in-same-transaction"
    case setNotNullNeedsCheck = "set-not-null-needs-check"
    case addColumnNotNullWithoutDefault = "add-column-not-null-without-default"
    case rewriteVolatileDefault = "rewrite-volatile-default"
    case rewriteGeneratedOrIdentity = "rewrite-generated-or-identity"
    case rewriteColumnType = "rewrite-column-type"
    case uniqueWithoutIndex = "unique-without-index"
    case foreignKeyWithoutIndex = "foreign-key-without-index"
    case concurrentlyInTransaction = "concurrently-in-transaction"
    case mixedTransactionalStatements = "mixed-transactional-statements"
    case lockHeldAfterAccessExclusive = "lock-held-after-access-exclusive"
    case renameInUse = "rename-in-use"
    case dropInUse = "drop-in-use"
    case vacuumFullOrCluster = "vacuum-full-or-cluster"
    case refreshMatviewBlocking = "refresh-matview-blocking"
    case truncateCascade = "truncate-cascade"
    case syntaxNeedsNewerPostgres = "syntax-needs-newer-postgres"
    case unclassifiedStatement = "unclassified-statement"
    case unknownRuleId = "unknown-rule-id"
    case emptyMigration = "empty-migration"
    // The findings `plan` reports for a file it cannot plan (`UnusableFileRule`): not lint
    // rules, so no comment or configuration switches them off.
    case unreadableFile = "unreadable-file"
    case syntaxError = "syntax-error"

    /// The id as written: `"require-concurrent-index"`.
    public var description: String { rawValue }
}
