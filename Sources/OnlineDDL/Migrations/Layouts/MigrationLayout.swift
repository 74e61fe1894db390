import Foundation

/// How a migration folder names its files: onlineddl's own names, or another migration
/// tool's, so a project can adopt onlineddl without renaming anything.
public enum MigrationLayout: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Whichever single layout the folder's names show; plain when they show none.
    case auto
    /// `VERSION_name.sql`.
    case plain
    /// `VERSION_name.up.sql`; `VERSION_name.down.sql` is not run.
    case golangMigrate = "golang-migrate"
    /// `V1__name.sql`, `V1.2__name.sql`, `V1_2__name.sql`, also in subfolders; undo,
    /// repeatable and baseline migrations and callbacks are not run.
    case flyway
    /// `VERSION_name.sql` with `-- migrate:up` and `-- migrate:down` sections; only the up
    /// section runs.
    case dbmate
    /// `VERSION_name/up.sql` folders, VERSION digits and dashes; `down.sql` is not run.
    case diesel
    /// Prisma's `migrations/<timestamp>_<name>/migration.sql` folders, beside
    /// `migration_lock.toml`, ordered by folder name.
    case prisma
    /// goose's `VERSION_name.sql` with `-- +goose Up` and `-- +goose Down` annotations; only
    /// the up part runs.
    case goose
    /// sqlx's `VERSION_description.sql`, or `.up.sql`/`.down.sql` pairs whose down file is
    /// not run.
    case sqlx
    /// The Supabase CLI's `supabase/migrations/<timestamp>_name.sql`, ordered by file name.
    case supabase

    public var description: String { rawValue }

    /// The layouts a folder can be read as (all but `auto`).
    public static let readable = allCases.filter { $0 != .auto }

    /// How this layout names migrations, for error messages.
    public var namingRule: String {
        switch self {
        case .auto, .plain:
            "migration files are named VERSION_name.sql, VERSION being digits (for example 0003_add_index.sql); "
                + "for another tool's names pass --layout golang-migrate, flyway, dbmate, diesel, prisma, goose, sqlx or supabase"
        case .golangMigrate:
            "golang-migrate files are named VERSION_name.up.sql and VERSION_name.down.sql, VERSION being digits "
                + "(for example 3_add_index.up.sql)"
        case .flyway:
            "Flyway files are named V<version>__<description>.sql, the version being numbers separated by . or _ "
                + "(for example V1.2__add_index.sql); U…, R__… and B… files and callbacks are reported and not run"
        case .dbmate:
            "dbmate files are named VERSION_name.sql, VERSION being digits (for example 20240101120000_add_index.sql)"
        case .diesel:
            "diesel migrations are folders named VERSION_name holding up.sql, VERSION being digits and dashes "
                + "(for example 2024-01-01-120000_add_index/up.sql)"
        case .prisma:
            "Prisma migrations are folders named TIMESTAMP_name holding migration.sql, TIMESTAMP being digits "
                + "(for example 20240101120000_add_index/migration.sql), in prisma/migrations beside migration_lock.toml"
        case .goose:
            "goose files are named VERSION_name.sql, VERSION being digits greater than zero "
                + "(for example 00003_add_index.sql or 20240101120000_add_index.sql)"
        case .sqlx:
            "sqlx files are named VERSION_description.sql, or VERSION_description.up.sql and .down.sql, VERSION being digits "
                + "that fit a 64-bit integer (for example 20240101120000_add_index.sql)"
        case .supabase:
            "Supabase migrations are named TIMESTAMP_name.sql, TIMESTAMP being digits (for example 20240101120000_add_index.sql), "
                + "in supabase/migrations"
        }
    }

    /// Reads the folder's migrations as this layout names them (`auto`: as the detected
    /// layout does).
    func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        switch self {
        case .auto: try Self.detected(in: folder).read(folder)
        case .plain: try PlainLayout.read(folder)
        case .golangMigrate: try GolangMigrateLayout.read(folder)
        case .flyway: try FlywayLayout.read(folder)
        case .dbmate: try DbmateLayout.read(folder)
        case .diesel: try DieselLayout.read(folder)
        case .prisma: try PrismaLayout.read(folder)
        case .goose: try GooseLayout.read(folder)
        case .sqlx: try SqlxLayout.read(folder)
        case .supabase: try SupabaseLayout.read(folder)
        }
    }

    /// Whether `lhs` runs before `rhs`, as this layout's own tool orders its migrations:
    /// Prisma by folder name and the Supabase CLI by file name, byte by byte (so `10_a`
    /// comes before `2_b`, as they run them); diesel by version string, byte by byte, as
    /// `MigrationVersion`'s `Ord` does (`20260527120000` before `202605271200000000`, and
    /// `202511190914440000` before `20260527120000`, in one crates.io folder); the others by
    /// version, numerically.
    func runsBefore(_ lhs: MigrationFile, _ rhs: MigrationFile) -> Bool {
        switch self {
        case .prisma, .supabase:
            let left = Self.sortedName(of: lhs, folders: self == .prisma)
            let right = Self.sortedName(of: rhs, folders: self == .prisma)
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        case .diesel:
            return lhs.version.utf8.lexicographicallyPrecedes(rhs.version.utf8)
        case .auto, .plain, .golangMigrate, .flyway, .dbmate, .goose, .sqlx:
            return MigrationFile.numericOrder(lhs.version, rhs.version)
        }
    }

    /// The name a tool that orders by name sorts: the migration's folder (Prisma) or file.
    private static func sortedName(of file: MigrationFile, folders: Bool) -> String {
        let path = file.path as NSString
        return folders ? (path.deletingLastPathComponent as NSString).lastPathComponent : path.lastPathComponent
    }
}
