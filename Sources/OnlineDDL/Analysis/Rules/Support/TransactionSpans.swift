/// The transactions a file's statements run in. A file that runs in one transaction starts
/// one at its first statement; otherwise only an explicit `BEGIN` starts one. `COMMIT`,
/// `ROLLBACK` and `PREPARE TRANSACTION` end it; a later statement outside any span runs in
/// a transaction of its own.
struct TransactionSpans: Sendable {
    /// One transaction: the statements it covers and the explicit `BEGIN` that opened it.
    struct Span: Sendable {
        /// The statement indices in the transaction, including its `BEGIN` and `COMMIT`.
        let statements: ClosedRange<Int>
        /// The index of the explicit `BEGIN`, or `nil` when the runner opened the transaction.
        let begin: Int?
    }

    let spans: [Span]

    init(_ context: LintContext) {
        var spans: [Span] = []
        var open: (start: Int, begin: Int?)? = context.runsInTransaction && !context.analyses.isEmpty ? (0, nil) : nil
        for (index, analysis) in context.analyses.enumerated() {
            switch analysis.facts.transactionControl {
            case .begin:
                open = open.map { ($0.start, $0.begin ?? index) } ?? (index, index)
            case .commit, .rollback, .prepareTransaction:
                if let current = open {
                    spans.append(Span(statements: current.start...index, begin: current.begin))
                    open = nil
                }
            default:
                break
            }
        }
        if let current = open {
            spans.append(Span(statements: current.start...(context.analyses.count - 1), begin: current.begin))
        }
        self.spans = spans
    }

    /// The transaction a statement runs in, or `nil` when it runs in one of its own.
    func span(containing index: Int) -> Span? {
        spans.first { $0.statements.contains(index) }
    }
}
