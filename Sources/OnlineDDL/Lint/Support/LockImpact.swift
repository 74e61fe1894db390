import OnlineDDLLocking

/// What a table lock does to everyday statements on the same table, read off PostgreSQL's
/// lock conflict table (``LockMode/conflictingModes``) rather than written per rule.
struct LockImpact: Sendable {
    /// Everyday statements, each with the lock mode it needs on its table.
    enum StatementClass: CaseIterable, Sendable {
        case select
        case selectForUpdate
        case writes
        case maintenance
        case createIndex
        case alterTable

        /// The mode the statements take on their table.
        var mode: LockMode {
            switch self {
            case .select: .accessShare
            case .selectForUpdate: .rowShare
            case .writes: .rowExclusive
            case .maintenance: .shareUpdateExclusive
            case .createIndex: .share
            case .alterTable: .accessExclusive
            }
        }

        /// The statements, as a reader knows them.
        var statements: [String] {
            switch self {
            case .select: ["SELECT"]
            case .selectForUpdate: ["SELECT FOR UPDATE"]
            case .writes: ["INSERT", "UPDATE", "DELETE"]
            case .maintenance: ["VACUUM", "ANALYZE", "CREATE INDEX CONCURRENTLY"]
            case .createIndex: ["CREATE INDEX"]
            case .alterTable: ["ALTER TABLE"]
            }
        }
    }

    /// The lock mode held.
    let mode: LockMode

    /// The statement classes whose lock conflicts with `mode`, so they wait.
    var blockedClasses: [StatementClass] {
        StatementClass.allCases.filter { mode.conflicts(with: $0.mode) }
    }

    /// The statements that wait while the lock is held, such as `["INSERT", "UPDATE", …]`.
    var blockedStatements: [String] { blockedClasses.flatMap(\.statements) }

    /// The statements that still run while the lock is held.
    var allowedStatements: [String] {
        StatementClass.allCases.filter { !mode.conflicts(with: $0.mode) }.flatMap(\.statements)
    }

    /// `"reads and writes"`, `"writes"` or `"schema changes and maintenance"`.
    var blockedCategory: String {
        if mode.conflicts(with: StatementClass.select.mode) { return "reads and writes" }
        if mode.conflicts(with: StatementClass.writes.mode) { return "writes" }
        return "schema changes and maintenance"
    }

    /// `"AccessExclusiveLock (ACCESS EXCLUSIVE)"`.
    var modeName: String { "\(mode.pgLocksName) (\(mode.sqlName))" }

    /// `"ShareLock (SHARE) on public.t, which blocks writes (INSERT, UPDATE, DELETE, VACUUM,
    /// ANALYZE, CREATE INDEX CONCURRENTLY and ALTER TABLE, but not SELECT, SELECT FOR UPDATE or
    /// CREATE INDEX)"`.
    func phrase(on object: String) -> String {
        "\(modeName) on \(object)" + Self.blockingClauses[Int(mode.rawValue) - 1]
    }

    /// For each mode, by raw value from 1, what the phrase says after the object: the same
    /// for every table, so it is built once.
    private static let blockingClauses: [String] = LockMode.allCases.map { LockImpact(mode: $0).blockingClause }

    /// `", which blocks writes (INSERT, …, but not SELECT, …)"`.
    private var blockingClause: String {
        let allowed = allowedStatements
        let exceptions = allowed.isEmpty ? "" : ", but not " + Self.list(allowed, conjunction: "or")
        return ", which blocks \(blockedCategory) (\(Self.list(blockedStatements))\(exceptions))"
    }

    /// `"a, b and c"`.
    static func list(_ items: [String], conjunction: String = "and") -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }
}
