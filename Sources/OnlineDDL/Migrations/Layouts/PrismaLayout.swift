import Foundation

/// Prisma Migrate's folders: `migrations/<timestamp>_<name>/migration.sql`, beside
/// `migration_lock.toml`. The folder may be given as `prisma/migrations` or as the schema
/// folder `prisma` that holds it. The version is the folder name's digits before the first
/// `_`; the folder name itself (`"\(version)_\(name)"`) is what
/// `_prisma_migrations.migration_name` records, and migrations run in the order of their
/// folder names, as Prisma sorts them.
///
/// Prisma sends each `migration.sql` as one script, without a transaction of its own:
/// PostgreSQL runs a script without transaction control as one implicit transaction, and
/// a script's `BEGIN … COMMIT` blocks as written. onlineddl's own way of running a file
/// (one unit, or its blocks and statements as units) is the same, so nothing changes it.
///
/// `migration_lock.toml` must name the provider `postgresql`; a `down.sql` in a migration
/// folder (Prisma's documented way of keeping one) is reported and not run, as is any
/// other `.sql` file there. A `.sql` file beside the folders is an error.
enum PrismaLayout {
    static let lockFile = "migration_lock.toml"
    static let script = "migration.sql"

    /// The folder holding the migration folders: `folder`, or its `migrations` subfolder
    /// when `folder` is Prisma's schema folder.
    static func migrations(in folder: MigrationFolder) throws(MigrationInputError) -> MigrationFolder {
        let nested = ("migrations" as NSString).appendingPathComponent(lockFile)
        guard !folder.hasFile(lockFile), folder.hasFile(nested) else { return folder }
        return try MigrationFolder(path: folder.path(of: "migrations"))
    }

    static func read(_ given: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        let folder = try migrations(in: given)
        try checkProvider(folder)
        if let stray = folder.files.first(where: { $0.hasSuffix(".sql") }) {
            throw .badFileName(folder.path(of: stray), .prisma)
        }
        var contents = LayoutContents()
        for name in folder.folders {
            guard let (version, migrationName) = PlainLayout.split(stem: Substring(name)) else {
                throw .badFileName(folder.path(of: name), .prisma)
            }
            let migration = try MigrationFolder(path: folder.path(of: name))
            guard migration.hasFile(script) else { throw .missingMigrationScript(migration.path) }
            contents.files.append(migration.migration(at: script, version: version, name: migrationName))
            for other in migration.files where other.hasSuffix(".sql") && other != script {
                contents.ignored.append(other == "down.sql"
                    ? IgnoredMigrationPart(kind: .down, path: migration.path(of: other), reason: "Prisma down migration")
                    : IgnoredMigrationPart(kind: .unsupported, path: migration.path(of: other), reason: "not run: Prisma runs only the migration.sql of each migration folder"))
            }
        }
        return contents
    }

    /// The providers whose migrations are PostgreSQL's.
    private static let postgresProviders: Set<String> = ["postgresql", "postgres"]

    /// Refuses a `migration_lock.toml` whose provider is not PostgreSQL.
    private static func checkProvider(_ folder: MigrationFolder) throws(MigrationInputError) {
        guard folder.hasFile(lockFile) else { return }
        let path = folder.path(of: lockFile)
        let text = String(decoding: try folder.contents(of: lockFile), as: UTF8.self)
        let provider: String?
        do {
            provider = try TOMLDocument(path: path, text: text).string("provider")
        } catch {
            throw .badMetadata(error)
        }
        if let provider, !postgresProviders.contains(provider) {
            throw .otherDatabase(path, provider: provider)
        }
    }
}
