/// When a lock of an `ALTER TABLE` subcommand is taken, after the statement's own lock:
/// phase 2 executes subcommands pass by pass (tablecmds.c `AlterTablePass`, in the order of
/// PostgreSQL 15), then phase 3 rewrites or scans the tables, then validates foreign keys.
enum AlterTablePass: Int, Comparable {
    case drop
    case alterType
    case addConstraint
    case addIndexConstraint
    case addIndex
    case addOtherConstraint
    case misc
    /// Phase 3: the table rewrite and its index rebuild.
    case rewrite
    /// Phase 3: foreign-key validation, after every rewrite.
    case foreignKeyValidation

    static func < (lhs: AlterTablePass, rhs: AlterTablePass) -> Bool { lhs.rawValue < rhs.rawValue }
}
