import OnlineDDLAnalysis
import OnlineDDLLint
import OnlineDDLLocking
import OnlineDDLMigrations
import OnlineDDLParsing

/// What `onlineddl plan` reports: per migration and statement, the locks it takes, whether
/// it runs in a transaction, what it does to the data, lint findings, and (when connected)
/// whether its locks would be granted now. Its JSON form, a contract for tools, is written
/// by `PlanJSONReport` (docs/plan.md); it decodes back into this type.
public struct MigrationPlan: Decodable, Sendable, Equatable {
    /// A lock row: the relation (schema-qualified when planned against a database) and mode.
    public typealias Lock = RelationLock

    public struct FindingEntry: Decodable, Sendable, Equatable {
        public let rule: String
        public let severity: Severity
        public let message: String
        public let line: Int
        public let column: Int
        public let safeAlternative: String?

        enum CodingKeys: String, CodingKey {
            case rule, severity, message, line, column
            case safeAlternative = "safe_alternative"
        }

        init(_ finding: Finding) {
            rule = finding.ruleID.rawValue
            severity = finding.severity
            message = finding.message
            line = finding.location.line
            column = finding.location.column
            safeAlternative = finding.safeAlternative
        }
    }

    /// How much data a scan or rewrite goes through: the statement's tables (with their
    /// partitions or children), as the catalog's statistics say.
    public struct DataSize: Codable, Sendable, Equatable {
        /// The main table, schema-qualified.
        public let relation: String
        /// `pg_total_relation_size` summed over the tables (indexes and TOAST included);
        /// for a table locked at the time of the read, its `relpages` estimate instead.
        public let bytes: Int
        /// Whether `bytes` counts a `relpages` estimate: a table another session held or
        /// awaited in ACCESS EXCLUSIVE mode, which `plan` does not open rather than queue.
        public let bytesEstimated: Bool
        /// `reltuples` summed; nil when a table was never analyzed or vacuumed.
        public let estimatedRows: Double?

        /// Creates a size.
        public init(relation: String, bytes: Int, bytesEstimated: Bool = false, estimatedRows: Double?) {
            self.relation = relation
            self.bytes = bytes
            self.bytesEstimated = bytesEstimated
            self.estimatedRows = estimatedRows
        }

        enum CodingKeys: String, CodingKey {
            case relation, bytes
            case bytesEstimated = "bytes_estimated"
            case estimatedRows = "estimated_rows"
        }

        /// Writes every key, `estimated_rows` as null when unknown, as docs/plan.md promises.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(relation, forKey: .relation)
            try container.encode(bytes, forKey: .bytes)
            try container.encode(bytesEstimated, forKey: .bytesEstimated)
            try container.encode(estimatedRows, forKey: .estimatedRows)
        }
    }

    public struct Statement: Decodable, Sendable, Equatable {
        public let line: Int
        public let column: Int
        public let sql: String
        /// Whether the statement may run inside a transaction block.
        public let transactional: Bool
        public let locks: [Lock]
        /// `none`, `scan` or `rewrite`.
        public let rewrite: DataWork.Kind
        /// For a scan or rewrite planned against a database, how much data it goes through.
        public let size: DataSize?
        /// Why the statement has no reliable lock list, when the analyzer cannot classify it.
        public let unclassified: String?
        public let findings: [FindingEntry]
        /// The live prediction for the statement's first lock that would not be granted at
        /// once, else for its strongest lock; nil offline, for statements without locks, and
        /// after an earlier statement of the same transaction was predicted to wait.
        public let prediction: LockWaitPrediction?
        /// The 1-based number of the unit (in the migration's ``Migration/units``) the
        /// statement runs in.
        public let unit: Int?
        /// For a `CONCURRENTLY` statement planned against a database, the transactions it
        /// would wait for after its first transaction, phase by phase; nil otherwise.
        public let concurrentWaits: [ConcurrentWait]?
        /// With `plan --standby`, for a statement that takes ACCESS EXCLUSIVE on relations
        /// of the database, each standby's prediction; nil otherwise.
        public internal(set) var standbys: [StandbyPrediction]? = nil

        enum CodingKeys: String, CodingKey {
            case line, column, sql, transactional, locks, rewrite, size, unclassified, findings, prediction, unit, standbys
            case concurrentWaits = "concurrent_waits"
        }
    }

    /// One unit of a migration (see ``ExecutionUnit``): statements that commit together.
    public struct Unit: Decodable, Sendable, Equatable {
        /// `file` (the whole file in one transaction), `block` (`BEGIN … COMMIT` as written) or
        /// `statement` (one statement outside blocks, committed on its own).
        public let kind: ExecutionUnit.Kind
        /// The 1-based numbers of the unit's first and last statements in ``Migration/statements``.
        public let first: Int
        public let last: Int

        init(_ unit: ExecutionUnit) {
            kind = unit.kind
            first = unit.statements.lowerBound + 1
            last = unit.statements.upperBound
        }
    }

    public struct Migration: Decodable, Sendable, Equatable {
        public let version: String
        public let name: String
        public let file: String
        /// Whether the whole file runs in one transaction (its only unit is of kind `file`);
        /// otherwise unit by unit.
        public let transactional: Bool
        /// False for a file that cannot be read or parsed: it has no statements, and its
        /// findings hold the error (`unreadable-file` or `syntax-error`).
        public let planned: Bool
        /// The units the file runs in, in order.
        public let units: [Unit]
        public internal(set) var statements: [Statement]
        /// Findings about the file as a whole (not tied to one statement).
        public let findings: [FindingEntry]

        /// A file that cannot be read or parsed, reported as its error.
        static func unusable(_ file: MigrationFile, _ error: SQLSyntaxError) -> Migration {
            Migration(
                version: file.version, name: file.name, file: file.path, transactional: false, planned: false,
                units: [], statements: [], findings: [FindingEntry(UnusableFileRule.finding(error))])
        }
    }

    /// The PostgreSQL major version the plan was made for.
    public let postgresVersion: Int
    /// Whether the plan was made against a live database.
    public let connected: Bool
    public internal(set) var migrations: [Migration]

    enum CodingKeys: String, CodingKey {
        case migrations, connected
        case postgresVersion = "pg_version"
    }

    /// A plan of `migrations`, as planned for a PostgreSQL major version.
    public init(postgresVersion: Int, connected: Bool, migrations: [Migration]) {
        self.postgresVersion = postgresVersion
        self.connected = connected
        self.migrations = migrations
    }

    /// Every finding, file-level and per statement, with its file.
    public var allFindings: [(file: String, finding: FindingEntry)] {
        migrations.flatMap { migration in
            (migration.findings + migration.statements.flatMap(\.findings)).map { (migration.file, $0) }
        }
    }

    /// Whether any statement is predicted to wait for a lock (or to deadlock).
    public var predictsWait: Bool {
        migrations.contains { $0.statements.contains { $0.prediction.map { $0.outcome != .granted } ?? false } }
    }
}
