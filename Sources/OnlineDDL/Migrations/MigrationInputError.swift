/// Why a migration folder cannot be used. Every case names the path at fault.
public enum MigrationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingDirectory(String)
    case notADirectory(String)
    case unreadable(String)
    /// A file (or diesel folder) the layout cannot name a migration from.
    case badFileName(String, MigrationLayout)
    case duplicateVersion(String, [String])
    /// A migration file ending in `.SQL` (or another case), which the layouts do not read.
    case upperCaseExtension(String)
    /// A directory named like a migration file.
    case notAFile(String)
    /// A symbolic link named like a migration file whose target does not exist.
    case brokenLink(String)
    /// The folder's names fit more than one layout.
    case ambiguousLayout(String, [LayoutMatch])
    /// A diesel migration folder without `up.sql`.
    case missingUpFile(String)
    /// A folder in which the layouts tried find no migration; `holds` says what it holds.
    case noMigrations(String, tried: [MigrationLayout], holds: String)
    /// A diesel `metadata.toml` or Prisma `migration_lock.toml` that cannot be read.
    case badMetadata(ConfigurationError)
    /// A Prisma migration folder without `migration.sql`.
    case missingMigrationScript(String)
    /// A Prisma `migration_lock.toml` whose provider is another database's.
    case otherDatabase(String, provider: String)

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            "\(path): no such directory"
        case .notADirectory(let path):
            "\(path): not a directory; give the folder that holds the migration files"
        case .unreadable(let path):
            "\(path): cannot be read (check permissions)"
        case .badFileName(let path, let layout):
            "\(path): \(layout.namingRule)"
        case .duplicateVersion(let version, let paths):
            "version \(version) is used by more than one file: \(paths.joined(separator: ", "))"
        case .upperCaseExtension(let path):
            "\(path): migration files end in lower-case .sql; rename it to \(path.dropLast(4)).sql"
        case .notAFile(let path):
            "\(path): a directory named like a migration file; move it out of the folder or rename it"
        case .brokenLink(let path):
            "\(path): a symbolic link to a file that does not exist"
        case .ambiguousLayout(let path, let matches):
            "\(path): names of more than one migration layout: \(matches.map(\.description).joined(separator: "; ")); "
                + "pass --layout \(matches.map(\.layout.rawValue).joined(separator: "|")) (or set layout in onlineddl.toml), "
                + "and move the files of the others out of the folder"
        case .missingUpFile(let path):
            "\(path): a diesel migration folder needs an up.sql"
        case .noMigrations(let path, let tried, let holds):
            if let layout = tried.first, tried.count == 1 {
                "\(path): no migration found as \(layout) names them; the folder holds \(holds). \(layout.namingRule)"
            } else {
                "\(path): no migration found; no name fits a layout onlineddl reads (tried \(tried.map(\.rawValue).joined(separator: ", "))) "
                    + "and the folder holds \(holds). \(MigrationLayout.plain.namingRule)"
            }
        case .badMetadata(let error):
            error.description
        case .missingMigrationScript(let path):
            "\(path): a Prisma migration folder needs a migration.sql"
        case .otherDatabase(let path, let provider):
            "\(path): provider = \"\(provider)\": these Prisma migrations are for another database; "
                + "onlineddl applies PostgreSQL's (provider = \"postgresql\")"
        }
    }
}
