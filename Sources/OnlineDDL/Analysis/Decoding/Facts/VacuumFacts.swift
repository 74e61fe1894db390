import OnlineDDLParsing

/// A `VACUUM` or `ANALYZE` statement.
public struct VacuumFacts: Hashable, Sendable {
    /// Whether the statement vacuums (`VACUUM`), as opposed to `ANALYZE` alone.
    public let vacuums: Bool
    /// Whether it analyzes (`ANALYZE`, or `VACUUM ANALYZE`).
    public let analyzes: Bool
    /// Whether `FULL` was given, which rewrites each table under `ACCESS EXCLUSIVE`.
    public let full: Bool
    /// The relations, in order; empty means every table in the database.
    public let relations: [RelationName]
    /// All option names as written, such as `"full"`, `"freeze"`, `"skip_locked"`.
    public let options: [String]

    /// Creates a `VACUUM`/`ANALYZE` description.
    public init(vacuums: Bool, analyzes: Bool, full: Bool, relations: [RelationName], options: [String]) {
        self.vacuums = vacuums
        self.analyzes = analyzes
        self.full = full
        self.relations = relations
        self.options = options
    }
}
