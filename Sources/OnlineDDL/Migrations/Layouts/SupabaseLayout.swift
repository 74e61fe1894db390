import Foundation

/// The Supabase CLI's files (`pkg/migration/list.go`): `supabase/migrations/<timestamp>_name.sql`,
/// the timestamp being digits, recorded as written in
/// `supabase_migrations.schema_migrations.version`. The folder may be given as
/// `supabase/migrations` or as the project folder `supabase` (holding `config.toml` and
/// `migrations`). Files run in the order of their names, as the CLI lists them.
///
/// The CLI sends a file's statements in one pipeline, which PostgreSQL runs as one implicit
/// transaction: onlineddl's one unit per file (or the file's `BEGIN … COMMIT` blocks as
/// written) is the same. There are no down files. A first file named
/// `<timestamp>_init.sql` older than 2021-12-09 is skipped, as the CLI skips that
/// deprecated initial schema, and reported.
enum SupabaseLayout {
    /// The folder holding the migration files: `folder`, or its `migrations` subfolder
    /// when `folder` is a Supabase project folder.
    static func migrations(in folder: MigrationFolder) throws(MigrationInputError) -> MigrationFolder {
        guard isProjectFolder(folder) else { return folder }
        return try MigrationFolder(path: folder.path(of: "migrations"))
    }

    /// Whether `folder` is a Supabase project folder: `config.toml` and `migrations/`.
    static func isProjectFolder(_ folder: MigrationFolder) -> Bool {
        folder.hasFile("config.toml") && folder.folders.contains("migrations")
    }

    static func read(_ given: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        let folder = try migrations(in: given)
        var contents = LayoutContents()
        for name in folder.files where name.hasSuffix(".sql") {
            guard let (version, migrationName) = PlainLayout.split(stem: name.dropLast(".sql".count)) else {
                throw .badFileName(folder.path(of: name), .supabase)
            }
            if name == folder.files.first, isDeprecatedInitialSchema(version: version, name: migrationName) {
                contents.ignored.append(IgnoredMigrationPart(
                    kind: .unsupported, path: folder.path(of: name),
                    reason: "not run: the Supabase CLI skips a first <timestamp>_init.sql older than 20211209000000; rename it to apply it"))
                continue
            }
            contents.files.append(folder.migration(at: name, version: version, name: migrationName))
        }
        return contents
    }

    /// The CLI's `shouldSkip`: a 14-digit timestamp before 20211209000000, named `init`.
    private static func isDeprecatedInitialSchema(version: String, name: String) -> Bool {
        name == "init" && version.count == 14 && (UInt64(version) ?? .max) < 20_211_209_000_000
    }
}
