import OnlineDDLMigrations

/// What another tool's history table says it applied, in one form for every tool: read
/// from the tool's rows by its reader (``GolangMigrateHistory``, ``FlywayHistory``, …),
/// matched to the folder's files by ``AdoptionPlan``.
public struct ForeignHistory: Sendable, Equatable {
    public let source: AdoptionSource
    /// The migrations the tool recorded as applied, in its order.
    public var applied: [ForeignMigration] = []
    /// Every file up to this version counts as applied: golang-migrate records only its
    /// current version, a Flyway baseline stands for the versions below it.
    public var appliedThrough: ForeignBaseline?
    /// Rows that say a migration is half-done: adoption is refused while there are any.
    public var problems: [AdoptionProblem] = []

    public init(source: AdoptionSource) {
        self.source = source
    }
}

/// One migration another tool applied.
public struct ForeignMigration: Sendable, Equatable {
    /// The version as the tool recorded it.
    public let version: String
    /// The row, as messages name it: `version 42`, `installed_rank 3 (version 1.2)`.
    public let row: String
    /// When the tool applied it, `YYYY-MM-DDTHH:MM:SSZ`; nil when the tool stores no time.
    public let appliedAt: String?
    /// The checksum the tool stored, if it stores one.
    public let checksum: ForeignChecksum?
    /// The name the file must have after its version, for a tool that records the whole
    /// name (Prisma's `migration_name`); nil when the version alone identifies the file.
    public let name: String?

    public init(version: String, row: String, appliedAt: String? = nil, checksum: ForeignChecksum? = nil, name: String? = nil) {
        self.version = version
        self.row = row
        self.appliedAt = appliedAt
        self.checksum = checksum
        self.name = name
    }
}

/// A version up to which every file counts as applied.
public struct ForeignBaseline: Sendable, Equatable {
    public let version: String
    public let row: String
    /// Whether a file must have this version: golang-migrate's current version is a file it
    /// ran; a Flyway baseline version need not be.
    public let requiresFile: Bool
}
