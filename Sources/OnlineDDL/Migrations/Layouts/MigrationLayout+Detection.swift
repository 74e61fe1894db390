import Foundation

extension MigrationLayout {
    /// The one layout whose names the folder uses, or plain when it uses none. A folder whose
    /// names fit more than one layout is an error that lists them, so that `--layout`
    /// settles it: onlineddl never guesses which files to run.
    ///
    /// golang-migrate is shown by `.up.sql` and `.down.sql` names, Flyway by `V`, `U`, `R__`
    /// and `B` names (in subfolders too), diesel by `VERSION_name` folders holding `up.sql`,
    /// Prisma by `migration_lock.toml` and `VERSION_name` folders holding `migration.sql`,
    /// goose by `VERSION_name.sql` files with a `-- +goose Up` annotation (and `VERSION_name.go`
    /// files), and dbmate by `VERSION_name.sql` files with a `-- migrate:up` comment. Other
    /// `VERSION_name.sql` files are plain, except where the folder shows another tool's:
    /// they, and `.up.sql`/`.down.sql` pairs, are sqlx's in a folder beside a `Cargo.toml`
    /// (sqlx's `migrations/` in a Rust crate) or when one of them starts with
    /// `-- no-transaction`; they are Supabase's in a folder inside `supabase/` (or a Supabase
    /// project's `config.toml`). Prisma's schema folder and a Supabase project folder are
    /// read through their `migrations` subfolder.
    static func detected(in given: MigrationFolder) throws(MigrationInputError) -> MigrationLayout {
        let folder = try SupabaseLayout.migrations(in: try PrismaLayout.migrations(in: given))
        let sqlFiles = folder.files.filter { $0.hasSuffix(".sql") }
        var golangMigrate = sqlFiles.filter { GolangMigrateLayout.parse(fileName: $0) != nil }
        var plain: [String] = []
        var dbmate: [String] = []
        var goose = folder.files.filter(GooseLayout.isGoMigration)
        var sqlxMarked = false
        for name in sqlFiles where PlainLayout.split(fileName: name) != nil || GolangMigrateLayout.parse(fileName: name) != nil {
            // A file that cannot be read shows nothing: its layout reports it.
            guard case .success(let bytes) = folder.read(name) else { continue }
            sqlxMarked = sqlxMarked || bytes.starts(with: SqlxLayout.noTransaction)
            guard GolangMigrateLayout.parse(fileName: name) == nil else { continue }
            if GooseAnnotations.hasUpAnnotation(bytes) {
                goose.append(name)
            } else if DbmateSections.hasUpMarker(bytes) {
                dbmate.append(name)
            } else {
                plain.append(name)
            }
        }
        let surroundings = Surroundings(of: folder)
        var supabase: [String] = []
        if surroundings.inSupabaseProject {
            supabase = plain
            plain = []
        }
        var sqlx: [String] = []
        if sqlxMarked || surroundings.inRustCrate {
            sqlx = (plain + golangMigrate).sorted()
            plain = []
            golangMigrate = []
        }
        let flyway = try folder.filesInSubfolders().filter { name in
            let kind = FlywayLayout.FileName((name as NSString).lastPathComponent)
            return kind != nil && kind != .callback
        }
        let diesel = folder.folders.filter {
            DieselLayout.split(folderName: $0) != nil && folder.hasFile(($0 as NSString).appendingPathComponent("up.sql"))
        }
        let prisma = (folder.hasFile(PrismaLayout.lockFile) ? [PrismaLayout.lockFile] : []) + folder.folders.filter {
            PlainLayout.split(stem: Substring($0)) != nil && folder.hasFile(($0 as NSString).appendingPathComponent(PrismaLayout.script))
        }
        let matches = [
            (Self.plain, plain), (.golangMigrate, golangMigrate), (.flyway, flyway), (.dbmate, dbmate), (.diesel, diesel),
            (.prisma, prisma), (.goose, goose.sorted()), (.sqlx, sqlx), (.supabase, supabase),
        ]
        .filter { !$0.1.isEmpty }
        .map { LayoutMatch(layout: $0.0, names: $0.1) }
        guard matches.count <= 1 else { throw .ambiguousLayout(given.path, matches) }
        return matches.first?.layout ?? .plain
    }

    /// What the folder's parent says of the project it belongs to.
    private struct Surroundings {
        /// The folder is sqlx's `migrations/` beside the crate's `Cargo.toml`.
        let inRustCrate: Bool
        /// The folder is inside `supabase/`, or beside a Supabase project's `config.toml`.
        let inSupabaseProject: Bool

        init(of folder: MigrationFolder) {
            let url = URL(fileURLWithPath: folder.path).standardizedFileURL
            let parent = url.deletingLastPathComponent()
            func parentHas(_ name: String) -> Bool {
                FileManager.default.fileExists(atPath: parent.appendingPathComponent(name).path)
            }
            inRustCrate = parentHas("Cargo.toml")
            inSupabaseProject = parent.lastPathComponent == "supabase" || (url.lastPathComponent == "migrations" && parentHas("config.toml"))
        }
    }
}
