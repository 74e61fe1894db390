/// A migration tool whose history `onlineddl adopt` reads: each keeps its own table of what
/// it applied, under its own name and with its own columns.
public enum AdoptionSource: String, Sendable, CaseIterable, Codable, CustomStringConvertible {
    case prisma
    case golangMigrate = "golang-migrate"
    case goose
    case sqlx
    case dbmate
    case flyway
    case diesel

    public var description: String { rawValue }

    /// The tool's history table when not renamed, unqualified: each tool creates it in the
    /// connection's current schema (`public` unless `search_path` or the tool's schema
    /// setting says otherwise), and onlineddl looks it up through `search_path` the same way.
    public var defaultTableName: String {
        switch self {
        case .prisma: "_prisma_migrations"
        case .golangMigrate, .dbmate: "schema_migrations"
        case .goose: "goose_db_version"
        case .sqlx: "_sqlx_migrations"
        case .flyway: "flyway_schema_history"
        case .diesel: "__diesel_schema_migrations"
        }
    }

    /// The columns onlineddl reads, all of which the tool's own `CREATE TABLE` has.
    package var columns: Set<String> {
        switch self {
        case .prisma: ["id", "checksum", "finished_at", "migration_name", "rolled_back_at", "started_at", "applied_steps_count"]
        case .golangMigrate: ["version", "dirty"]
        case .goose: ["id", "version_id", "is_applied", "tstamp"]
        case .sqlx: ["version", "description", "installed_on", "success", "checksum"]
        case .dbmate: ["version"]
        case .flyway: ["installed_rank", "version", "description", "type", "script", "checksum", "installed_on", "success"]
        case .diesel: ["version", "run_on"]
        }
    }

    /// Whether a table with these columns is this tool's history table. golang-migrate and
    /// dbmate both name theirs `schema_migrations`: golang-migrate's has `dirty`, dbmate's
    /// `version` and no `dirty`.
    package func fits(columns present: Set<String>) -> Bool {
        columns.isSubset(of: present) && (self != .dbmate || !present.contains("dirty"))
    }

    /// How the tool renames its table, for messages.
    package var renamingSetting: String {
        switch self {
        case .prisma: "the schema in the URL's ?schema= parameter"
        case .golangMigrate: "x-migrations-table in the database URL"
        case .goose: "-table (goose.SetTableName)"
        case .sqlx: "Migrator::dangerous_set_table_name or [migrate] table-name in sqlx.toml"
        case .dbmate: "--migrations-table"
        case .flyway: "flyway.table and flyway.defaultSchema"
        case .diesel: "the connection's search_path"
        }
    }
}
