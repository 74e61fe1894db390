import Foundation
import OnlineDDLSupport

/// diesel's folders: `VERSION_name/up.sql` runs, VERSION being digits and dashes
/// (`2024-01-01-120000_add_index`, version `20240101120000`, as diesel records it);
/// `down.sql` is reported and not run. A folder's `metadata.toml` with
/// `run_in_transaction = false` runs its `up.sql` statement by statement, as
/// `-- onlineddl:no-transaction` does. diesel reads only folders
/// (`migrations_internals::migrations_directories` skips files): files beside them
/// (`.keep`, a data script) are not run, and a `.sql` one is reported as such; a `.sql`
/// file named like a migration (`0001_name.sql`) there is an error, since it was surely
/// meant to run.
enum DieselLayout {
    static func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        var contents = LayoutContents()
        for name in folder.files where name.hasSuffix(".sql") {
            guard PlainLayout.split(fileName: name) == nil else { throw .badFileName(folder.path(of: name), .diesel) }
            contents.ignored.append(IgnoredMigrationPart(
                kind: .unsupported, path: folder.path(of: name),
                reason: "a file beside diesel's migration folders, which diesel does not run either"))
        }
        for name in folder.folders {
            guard let (version, migrationName) = split(folderName: name) else { throw .badFileName(folder.path(of: name), .diesel) }
            let up = (name as NSString).appendingPathComponent("up.sql")
            guard folder.hasFile(up) else { throw .missingUpFile(folder.path(of: name)) }
            contents.files.append(folder.migration(
                at: up, version: version, name: migrationName, forcesNoTransaction: try !runsInTransaction(folder, name)))
            let down = (name as NSString).appendingPathComponent("down.sql")
            if folder.hasFile(down) {
                contents.ignored.append(IgnoredMigrationPart(kind: .down, path: folder.path(of: down), reason: "diesel down migration"))
            }
        }
        return contents
    }

    /// `2024-01-01-120000_add_index` → ("20240101120000", "add_index"); nil for other names.
    static func split(folderName: String) -> (version: String, name: String)? {
        guard let underscore = folderName.firstIndex(of: "_") else { return nil }
        let prefix = folderName[..<underscore]
        let name = folderName[folderName.index(after: underscore)...]
        guard prefix.first?.isASCIIDigit == true, prefix.allSatisfy({ $0.isASCIIDigit || $0 == "-" }), !name.isEmpty else { return nil }
        return (prefix.filter(\.isASCIIDigit), String(name))
    }

    /// What the folder's `metadata.toml` says of `run_in_transaction` (true without one).
    private static func runsInTransaction(_ folder: MigrationFolder, _ name: String) throws(MigrationInputError) -> Bool {
        let metadata = (name as NSString).appendingPathComponent("metadata.toml")
        guard folder.hasFile(metadata) else { return true }
        let text = String(decoding: try folder.contents(of: metadata), as: UTF8.self)
        do {
            return try TOMLDocument(path: folder.path(of: metadata), text: text).bool("run_in_transaction") ?? true
        } catch {
            throw .badMetadata(error)
        }
    }
}
