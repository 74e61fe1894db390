import OnlineDDLLocking
import OnlineDDLParsing

/// One `ALTER TABLE` subcommand's facts, plus the locks it adds after the statement's lock on
/// its relation, each with the pass that takes it: the subcommand's own pass
/// (``AlterTableSubcommandKind/pass``) unless another is given.
struct AlterTableSubcommandPlan {
    var subcommand: AlterTableSubcommand
    var locks: [(pass: AlterTablePass, step: StatementLockStep)] = []
    var caveats: [CatalogCaveat] = []
    /// Whether the subcommand must run outside a transaction block.
    var forbidsTransactionBlock = false

    init(subcommand: AlterTableSubcommand) {
        self.subcommand = subcommand
    }

    mutating func lock(
        _ pass: AlterTablePass, _ relation: RelationName, _ mode: LockMode, as role: LockRole, _ reason: String,
        transaction: Int = 1, condition: LockCondition? = nil
    ) {
        locks.append((pass, .relation(RelationLockRequest(
            relation: relation, mode: mode, role: role, reason: reason, transaction: transaction, condition: condition))))
    }

    mutating func lock(
        _ pass: AlterTablePass, _ lookup: CatalogLookup, _ mode: LockMode, as role: LockRole, _ reason: String,
        transaction: Int = 1, condition: LockCondition? = nil
    ) {
        locks.append((pass, .catalog(CatalogLockRequest(
            lookup: lookup, mode: mode, role: role, reason: reason, transaction: transaction, condition: condition))))
    }

    /// A lock taken in the subcommand's own pass.
    mutating func lock(
        _ relation: RelationName, _ mode: LockMode, as role: LockRole, _ reason: String,
        transaction: Int = 1, condition: LockCondition? = nil
    ) {
        lock(subcommand.kind.pass, relation, mode, as: role, reason, transaction: transaction, condition: condition)
    }

    /// A lock on relations the catalog names, taken in the subcommand's own pass.
    mutating func lock(
        _ lookup: CatalogLookup, _ mode: LockMode, as role: LockRole, _ reason: String,
        transaction: Int = 1, condition: LockCondition? = nil
    ) {
        lock(subcommand.kind.pass, lookup, mode, as: role, reason, transaction: transaction, condition: condition)
    }
}
