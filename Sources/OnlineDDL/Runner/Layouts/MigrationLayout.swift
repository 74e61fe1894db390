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

    public var description: String { rawValue }

    /// The layouts a folder can be read as (all but `auto`).
    public static let readable = allCases.filter { $0 != .auto }

    /// How this layout names migrations, for error messages.
    public var namingRule: String {
        switch self {
        case .auto, .plain:
            "migration files are named VERSION_name.sql, VERSION being digits (for example 0003_add_index.sql); "
                + "for another tool's names pass --layout golang-migrate, flyway, dbmate or diesel"
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
        }
    }
}
