/// Whether an expression may return a different value each time it is evaluated, decided
/// conservatively from the parse tree alone (see ``ExpressionVolatilityClassifier`` for the
/// rules and the function lists).
public enum ExpressionVolatility: Hashable, Sendable {
    /// Immutable or stable: evaluated once, its value can be stored as the column's
    /// "missing" value (PostgreSQL 11+), so `ADD COLUMN … DEFAULT` does not rewrite.
    case nonVolatile
    /// Volatile, or not provably otherwise; the reason names the culprit.
    case volatile(reason: String)

    /// Whether the expression counts as volatile.
    public var isVolatile: Bool {
        if case .volatile = self { return true }
        return false
    }
}
