import OnlineDDLParsing
import OnlineDDLPostgres

/// The table where onlineddl records what it applied (`onlineddl.schema_migrations` by
/// default): one row per migration version.
///
/// A migration's row is written in the transaction of each of its units (``ExecutionUnit``):
/// the whole file, a `BEGIN … COMMIT` block, or one statement, so the row and the schema
/// change commit together or not at all. The row counts the statements of the units
/// committed, so a run cut off in the middle is reported, and resumed, exactly; only a
/// statement that cannot run in a transaction block gets its progress right after it.
public struct HistoryTable: Sendable, Equatable, CustomStringConvertible {
    public let schema: String
    public let name: String

    /// `onlineddl.schema_migrations`.
    public static let defaultTable = HistoryTable(schema: "onlineddl", name: "schema_migrations")

    public init(schema: String, name: String) {
        self.schema = schema
        self.name = name
    }

    /// Reads `schema.table` (or `table`, in schema `onlineddl`). Names are plain lowercase
    /// identifiers: letters, digits and underscores, not starting with a digit.
    public init(parsing text: String) throws(HistoryTableNameError) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy(Self.isPlainIdentifier) else {
            throw HistoryTableNameError(text: text)
        }
        self.init(schema: parts.count == 2 ? parts[0] : Self.defaultTable.schema, name: parts[parts.count - 1])
    }

    /// `schema.name`.
    public var description: String { "\(schema).\(name)" }

    /// The table's name for SQL, quoted.
    package var sqlName: String { SQLIdentifier.quoted(RelationName(schema: schema, name: name)) }

    private static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.utf8.count <= 63 else { return false }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || scalar == "_" }
        return isLetter(first) && text.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }

    /// Whether the table exists.
    public func exists(on connection: Connection) throws(PostgresError) -> Bool {
        try connection.query("SELECT to_regclass($1) IS NOT NULL AS present", [sqlName]).rows[0].decode("present")
    }

    /// Creates the schema and the table if they are missing. An existing schema needs
    /// only the privilege to create tables in it.
    public func create(on connection: Connection) throws(PostgresError) {
        guard try !exists(on: connection) else { return }
        let schemaExists: Bool = try connection.query(
            "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1) AS present", [schema]
        ).rows[0].decode("present")
        if !schemaExists {
            try connection.execute("CREATE SCHEMA IF NOT EXISTS \(SQLIdentifier.quoted(schema))")
        }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS \(sqlName) (
                version text PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL,
                duration_ms bigint NOT NULL,
                attempts integer NOT NULL,
                lock_wait_ms bigint NOT NULL,
                statements_applied integer NOT NULL,
                statements_total integer NOT NULL,
                building_statement integer,
                indexes_before text,
                origin text
            );
            COMMENT ON TABLE \(sqlName) IS 'Migrations applied by onlineddl: one row per version. Do not edit by hand.'
            """)
    }

    /// Every recorded migration, by canonical version; empty when the table does not exist.
    /// A table created before the `origin` column existed reads as all applied by onlineddl.
    public func records(on connection: Connection) throws(PostgresError) -> [String: HistoryRecord] {
        guard try exists(on: connection) else { return [:] }
        let rows = try connection.query("""
            SELECT version, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at,
                   duration_ms, attempts, lock_wait_ms, statements_applied, statements_total,
                   building_statement, indexes_before, to_jsonb(h) ->> 'origin' AS origin
              FROM \(sqlName) AS h
            """).rows
        var records: [String: HistoryRecord] = [:]
        for row in rows {
            let record = HistoryRecord(
                version: MigrationFile.canonical(try row.decode("version")), name: try row.decode("name"),
                checksum: try row.decode("checksum"), appliedAt: try row.decode("applied_at"),
                durationMilliseconds: try row.decode("duration_ms"), attempts: try row.decode("attempts"),
                lockWaitMilliseconds: try row.decode("lock_wait_ms"),
                statementsApplied: try row.decode("statements_applied"),
                statementsTotal: try row.decode("statements_total"),
                buildingStatement: try row.decode("building_statement"),
                indexesBefore: (try row.decode("indexes_before", as: String?.self)).map(IndexBuild.decode),
                origin: (try row.decode("origin", as: String?.self)).flatMap(HistoryOrigin.init(stored:)))
            records[record.version] = record
        }
        return records
    }

    /// The versions recorded as completely applied, canonical (without leading zeros).
    public func appliedVersions(on connection: Connection) throws(PostgresError) -> Set<String> {
        Set(try records(on: connection).values.filter(\.isComplete).map(\.version))
    }

    /// Writes (or updates) a migration's row on `connection`, in whatever transaction it is in.
    public func record(_ entry: HistoryEntry, on connection: Connection) throws(PostgresError) {
        try connection.execute(recordStatement(entry))
    }

    /// The statement `record` runs, with its values as literals, so a transactional
    /// migration can send it together with its COMMIT: one round trip less while the
    /// migration's locks are held.
    package func recordStatement(_ entry: HistoryEntry) -> String {
        let values = [
            SQLIdentifier.literal(MigrationFile.canonical(entry.version)), SQLIdentifier.literal(entry.name),
            SQLIdentifier.literal(entry.checksum), "clock_timestamp()", String(entry.duration.wholeMilliseconds),
            String(entry.attempts), String(entry.lockWait.wholeMilliseconds), String(entry.statementsApplied),
            String(entry.statementsTotal),
        ]
        return """
            INSERT INTO \(sqlName) AS h (version, name, checksum, applied_at, duration_ms, attempts, lock_wait_ms,
                                          statements_applied, statements_total)
            VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (version) DO UPDATE SET
                name = EXCLUDED.name, checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at,
                duration_ms = h.duration_ms + EXCLUDED.duration_ms, attempts = greatest(h.attempts, EXCLUDED.attempts),
                lock_wait_ms = h.lock_wait_ms + EXCLUDED.lock_wait_ms,
                statements_applied = EXCLUDED.statements_applied, statements_total = EXCLUDED.statements_total,
                building_statement = NULL, indexes_before = NULL
            """
    }

    /// Notes, before statement `build.statement` (0-based) of a statement-by-statement
    /// migration builds an index concurrently, which indexes its tables already have, so a
    /// later run can tell an INVALID index that build left (if the runner was killed) from
    /// anyone else's.
    public func recordIndexBuild(_ build: IndexBuild, of entry: HistoryEntry, on connection: Connection) throws(PostgresError) {
        try connection.query("""
            INSERT INTO \(sqlName) AS h (version, name, checksum, applied_at, duration_ms, attempts, lock_wait_ms,
                                          statements_applied, statements_total, building_statement, indexes_before)
            VALUES ($1, $2, $3, clock_timestamp(), 0, 0, 0, $4, $5, $6, $7)
            ON CONFLICT (version) DO UPDATE SET
                building_statement = EXCLUDED.building_statement, indexes_before = EXCLUDED.indexes_before
            """, [
                MigrationFile.canonical(entry.version), entry.name, entry.checksum, entry.statementsApplied,
                entry.statementsTotal, build.statement, IndexBuild.encode(build.indexesBefore),
            ])
    }

    /// Forgets a concurrent index build once its leftovers are dropped; a row that only
    /// carried that note (no statement applied yet) goes entirely.
    public func clearIndexBuild(version: String, on connection: Connection) throws(PostgresError) {
        let canonical = MigrationFile.canonical(version)
        try connection.query("DELETE FROM \(sqlName) WHERE version = $1 AND statements_applied = 0", [canonical])
        try connection.query(
            "UPDATE \(sqlName) SET building_statement = NULL, indexes_before = NULL WHERE version = $1", [canonical])
    }

    /// Replaces the checksum recorded for a version (after `--allow-changed`).
    public func updateChecksum(version: String, to checksum: String, on connection: Connection) throws(PostgresError) {
        try connection.query(
            "UPDATE \(sqlName) SET checksum = $2 WHERE version = $1", [MigrationFile.canonical(version), checksum])
    }
}

/// One row of the history table.
public struct HistoryRecord: Sendable, Equatable, Codable {
    /// Canonical version (no leading zeros).
    public let version: String
    public let name: String
    public let checksum: String
    /// When the row was last written, `YYYY-MM-DDTHH:MM:SSZ`.
    public let appliedAt: String
    public let durationMilliseconds: Int64
    public let attempts: Int
    public let lockWaitMilliseconds: Int64
    public let statementsApplied: Int
    public let statementsTotal: Int
    /// The statement (0-based) that was building an index concurrently when the run was
    /// cut off, if any.
    public var buildingStatement: Int? = nil
    /// The OIDs of the indexes its tables had before that build.
    public var indexesBefore: Set<UInt32>? = nil
    /// Adopted from another tool or baselined; nil when onlineddl applied it.
    public var origin: HistoryOrigin? = nil

    /// The concurrent index build the run was cut off in, if any.
    public var indexBuild: IndexBuild? {
        guard let buildingStatement, let indexesBefore else { return nil }
        return IndexBuild(statement: buildingStatement, indexesBefore: indexesBefore)
    }

    /// Whether every statement of the migration was applied.
    public var isComplete: Bool { statementsApplied >= statementsTotal }

    enum CodingKeys: String, CodingKey {
        case version, name, checksum, attempts
        case appliedAt = "applied_at"
        case durationMilliseconds = "duration_ms"
        case lockWaitMilliseconds = "lock_wait_ms"
        case statementsApplied = "statements_applied"
        case statementsTotal = "statements_total"
        case buildingStatement = "building_statement"
        case indexesBefore = "indexes_before"
        case origin
    }
}

/// A concurrent index build in progress: the statement and the indexes that existed before.
public struct IndexBuild: Sendable, Equatable {
    public let statement: Int
    public let indexesBefore: Set<UInt32>

    /// Creates a value with every property given.
    package init(statement: Int, indexesBefore: Set<UInt32>) {
        self.statement = statement
        self.indexesBefore = indexesBefore
    }

    /// `"16384,16390"`, sorted.
    static func encode(_ oids: Set<UInt32>) -> String {
        oids.sorted().map(String.init).joined(separator: ",")
    }

    static func decode(_ text: String) -> Set<UInt32> {
        Set(text.split(separator: ",").compactMap { UInt32($0) })
    }
}

/// What the runner writes for a migration: the time and waits of this run only (a resumed
/// or statement-by-statement migration adds them to what is recorded), and the attempts its
/// transaction, or its most-tried statement, needed.
public struct HistoryEntry: Sendable {
    public let version: String
    public let name: String
    public let checksum: String
    public let duration: Duration
    public let attempts: Int
    public let lockWait: Duration
    public let statementsApplied: Int
    public let statementsTotal: Int

    /// Creates a value with every property given.
    package init(version: String, name: String, checksum: String, duration: Duration, attempts: Int, lockWait: Duration, statementsApplied: Int, statementsTotal: Int) {
        self.version = version
        self.name = name
        self.checksum = checksum
        self.duration = duration
        self.attempts = attempts
        self.lockWait = lockWait
        self.statementsApplied = statementsApplied
        self.statementsTotal = statementsTotal
    }
}

/// A history table name that is not `schema.table`.
public struct HistoryTableNameError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "invalid history table '\(text)': write schema.table with lowercase letters, digits and underscores (default \(HistoryTable.defaultTable))"
    }
}
