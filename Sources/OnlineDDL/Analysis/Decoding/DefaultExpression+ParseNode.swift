import OnlineDDLParsing

extension DefaultExpression {
    /// Classifies a raw default expression.
    init(expression: ParseNode) {
        self.init(
            volatility: ExpressionVolatilityClassifier.classify(expression),
            isNullConstant: expression.isNullConstant)
    }
}
