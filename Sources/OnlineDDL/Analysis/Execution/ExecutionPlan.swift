import OnlineDDLParsing

/// How a migration file runs, decided once for `plan`, the lint rules and `apply`: the units
/// that commit one after another, or the problems that keep it from running.
///
/// A file without transaction control whose statements may all run in a transaction block,
/// and without `-- onlineddl:no-transaction`, is one ``ExecutionUnit/Kind/file`` unit.
/// Otherwise, as psql runs a file, each `BEGIN … COMMIT` block is a unit and each statement
/// outside blocks is one. Whether a statement may run in a block comes from the catalog-settled
/// analysis when connected (`REINDEX` of a partitioned table cannot), else from the offline one.
public struct ExecutionPlan: Hashable, Sendable {
    /// One statement as the plan needs it.
    public struct Statement: Hashable, Sendable {
        public let location: SourceLocation
        public let control: TransactionControl?
        /// Whether the statement may run inside a transaction block.
        public let transactional: Bool

        public init(location: SourceLocation, control: TransactionControl?, transactional: Bool) {
            self.location = location
            self.control = control
            self.transactional = transactional
        }
    }

    /// The statements the plan was made from, in file order.
    public let statements: [Statement]
    /// The units in order. When there are ``problems`` they are the closest split the
    /// statements allow (an unterminated block runs to the end of the file), for the lint
    /// rules; such a file must not run.
    public let units: [ExecutionUnit]
    /// Everything that keeps the file from running, in file order; empty when it can run.
    public let problems: [ExecutionProblem]
    /// For each statement, the position in ``units`` of the unit holding it: asked once per
    /// statement by the planner and the rules, so a file of many units stays linear.
    private let unitPositions: [Int?]

    /// Splits `statements` into units. `noTransaction` is the file's
    /// `-- onlineddl:no-transaction` directive (or its layout's equivalent).
    public init(_ statements: [Statement], noTransaction: Bool) {
        self.statements = statements
        var splitter = Splitter(statements: statements)
        if !noTransaction, statements.allSatisfy({ $0.control == nil && $0.transactional }) {
            splitter.units = [ExecutionUnit(kind: .file, statements: statements.indices)]
        } else {
            splitter.split()
        }
        self.units = splitter.units
        self.problems = splitter.problems
        var positions = [Int?](repeating: nil, count: statements.count)
        for (position, unit) in splitter.units.enumerated() {
            for index in unit.statements { positions[index] = position }
        }
        self.unitPositions = positions
    }

    /// The plan of a parsed file whose statements' `transactional` are given in file order.
    public init(script: SQLScript, transactional: [Bool], noTransaction: Bool) {
        precondition(transactional.count == script.statements.count, "one transactional per statement")
        self.init(
            zip(script.statements, transactional).map { statement, transactional in
                Statement(location: statement.location, control: TransactionControl(statement), transactional: transactional)
            },
            noTransaction: noTransaction)
    }

    /// The plan of an analyzed file, from its offline analyses.
    public init(script: SQLScript, analyses: [StatementAnalysis], noTransaction: Bool) {
        self.init(script: script, transactional: analyses.map(\.transactional), noTransaction: noTransaction)
    }

    /// The first problem of a file's block structure (`BEGIN`, `COMMIT`, savepoints), which
    /// needs no analysis: checked when the file is read, before any version is known.
    public static func structureProblem(in script: SQLScript) -> ExecutionProblem? {
        ExecutionPlan(script: script, transactional: script.statements.map { _ in true }, noTransaction: false).problems.first
    }

    /// Whether the whole file runs in one transaction with its history row.
    public var isOneTransaction: Bool { units.count == 1 && units[0].kind == .file }

    /// The unit holding statement `index`.
    public func unit(containing index: Int) -> ExecutionUnit? {
        unitNumber(containing: index).map { units[$0 - 1] }
    }

    /// The 1-based number in ``units`` of the unit holding statement `index`.
    public func unitNumber(containing index: Int) -> Int? {
        unitPositions.indices.contains(index) ? unitPositions[index].map { $0 + 1 } : nil
    }

    /// The units whose statements share a transaction: the whole file, or a `BEGIN … COMMIT`
    /// block (a single statement outside blocks shares its transaction with nothing). What
    /// the lint rules mean by "the same transaction".
    public var transactionUnits: [ExecutionUnit] {
        units.filter { $0.kind != .statement }
    }
}

/// Walks the statements as PostgreSQL's `BeginTransactionBlock` / `EndTransactionBlock`
/// (xact.c) would see them, recording units and problems.
private struct Splitter {
    let statements: [ExecutionPlan.Statement]
    var units: [ExecutionUnit] = []
    var problems: [ExecutionProblem] = []
    /// The index of the `BEGIN` of the block open at this point.
    private var open: Int?

    init(statements: [ExecutionPlan.Statement]) {
        self.statements = statements
    }

    mutating func split() {
        for (index, statement) in statements.enumerated() {
            switch statement.control {
            case .begin:
                if let outer = open {
                    problem(.nestedBegin(outer: outer), at: index,
                        "BEGIN inside the block opened by the BEGIN at line \(line(outer)): PostgreSQL ignores it with a "
                            + "warning and the next COMMIT ends both; remove this BEGIN, or COMMIT the first block before it")
                } else {
                    open = index
                }
            case .commit:
                if let begin = open {
                    close(begin, through: index)
                } else {
                    problem(.commitWithoutBegin, at: index,
                        "COMMIT without BEGIN: no transaction block is open here; remove it, or add BEGIN before the "
                            + "statements it should commit")
                    single(index)
                }
            case .commitAndChain:
                problem(.commitAndChain, at: index,
                    "COMMIT AND CHAIN opens a new block without a BEGIN; end the block with COMMIT and start the next "
                        + "one with BEGIN")
                // The chained block goes on to the next COMMIT, as one block for the rules.
                if open == nil { single(index) }
            case .rollback:
                problem(.rollback, at: index,
                    "ROLLBACK (or ABORT) in a migration file discards what "
                        + (open.map { "the block opened at line \(line($0)) did" } ?? "the statements before it did")
                        + " and then goes on as if it had run; remove it (to undo a part, use SAVEPOINT and ROLLBACK TO "
                        + "inside the block; a failing statement already rolls its whole block back)")
                endOrSingle(index)
            case .savepoint, .releaseSavepoint, .rollbackToSavepoint:
                if open == nil {
                    problem(.savepointOutsideBlock, at: index,
                        "SAVEPOINT, RELEASE and ROLLBACK TO only work inside a BEGIN … COMMIT block, and there is none "
                            + "open here; put BEGIN before the statements they guard and COMMIT after them")
                    single(index)
                }
            case .prepareTransaction, .commitPrepared, .rollbackPrepared:
                problem(.preparedTransaction, at: index,
                    "two-phase commit (PREPARE TRANSACTION, COMMIT PREPARED, ROLLBACK PREPARED) does not belong in a "
                        + "migration file; end the block with COMMIT")
                endOrSingle(index)
            case nil:
                if let begin = open {
                    if !statement.transactional {
                        problem(.cannotRunInBlock(begin: begin), at: index,
                            "this statement cannot run inside a transaction block, but it is inside the BEGIN at line "
                                + "\(line(begin)): PostgreSQL would fail with 25001 (active_sql_transaction) and roll "
                                + "the block back; move it after the block's COMMIT, or into a migration file of its own")
                    }
                } else {
                    single(index)
                }
            }
        }
        if let begin = open {
            problem(.unterminatedBlock, at: begin,
                "BEGIN without COMMIT: the block is still open at the end of the file, and PostgreSQL would roll it "
                    + "back when the session ends; add COMMIT after its last statement")
            units.append(ExecutionUnit(kind: .block, statements: begin..<statements.count))
        }
    }

    private func line(_ index: Int) -> Int { statements[index].location.line }

    private mutating func problem(_ kind: ExecutionProblem.Kind, at index: Int, _ message: String) {
        problems.append(ExecutionProblem(kind: kind, statement: index, location: statements[index].location, message: message))
    }

    private mutating func single(_ index: Int) {
        units.append(ExecutionUnit(kind: .statement, statements: index..<(index + 1)))
    }

    private mutating func close(_ begin: Int, through end: Int) {
        units.append(ExecutionUnit(kind: .block, statements: begin..<(end + 1)))
        open = nil
    }

    /// A statement that ends the block PostgreSQL has open, or stands alone outside one.
    private mutating func endOrSingle(_ index: Int) {
        if let begin = open { close(begin, through: index) } else { single(index) }
    }
}
