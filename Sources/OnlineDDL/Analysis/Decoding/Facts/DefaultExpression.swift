/// A `DEFAULT` expression of a column.
public struct DefaultExpression: Hashable, Sendable {
    /// Whether the expression is volatile.
    public let volatility: ExpressionVolatility
    /// Whether the expression is the constant `NULL` (which PostgreSQL does not store at all).
    public let isNullConstant: Bool

    /// Creates a default-expression description.
    public init(volatility: ExpressionVolatility, isNullConstant: Bool) {
        self.volatility = volatility
        self.isNullConstant = isNullConstant
    }
}
