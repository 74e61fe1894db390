import Foundation
import OnlineDDLParsing

/// A migration folder's entries, listed once for layout detection and reading.
struct MigrationFolder {
    /// The folder as given.
    let path: String
    /// The names of its files, sorted.
    let files: [String]
    /// The names of its subfolders, sorted; hidden ones (`.git`) are left out.
    let folders: [String]

    /// Lists `path`. An entry named like a SQL file that is a directory, a broken link, or
    /// ends in an upper-case `.SQL` is an error: it would otherwise be skipped silently.
    init(path: String) throws(MigrationInputError) {
        guard let kind = Self.kind(of: path) else { throw .missingDirectory(path) }
        guard kind == .folder else { throw .notADirectory(path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        } catch {
            throw .unreadable(path)
        }
        for name in names where name.lowercased().hasSuffix(".sql") {
            let entry = Self.join(path, name)
            switch Self.kind(of: entry) {
            case nil: throw .brokenLink(entry)
            case .folder: throw .notAFile(entry)
            case .file: guard name.hasSuffix(".sql") else { throw .upperCaseExtension(entry) }
            }
        }
        self.path = path
        files = names.filter { Self.kind(of: Self.join(path, $0)) == .file }
        folders = names.filter { !$0.hasPrefix(".") && Self.kind(of: Self.join(path, $0)) == .folder }
    }

    /// The path of `name`, a name or a relative path inside the folder.
    func path(of name: String) -> String {
        Self.join(path, name)
    }

    /// The bytes of the file at `name`, a name or a relative path inside the folder.
    func contents(of name: String) throws(MigrationInputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path(of: name)) else { throw .unreadable(path(of: name)) }
        return [UInt8](data)
    }

    /// The bytes of the migration file at `name`, a name or a relative path inside the
    /// folder, or why they cannot be read, at `path:1:1`.
    func read(_ name: String) -> Result<[UInt8], SQLSyntaxError> {
        guard let data = FileManager.default.contents(atPath: path(of: name)) else {
            return .failure(SQLSyntaxError(
                file: path(of: name), location: SourceLocation(line: 1, column: 1),
                message: "cannot be read (check permissions)", kind: .unreadable))
        }
        return .success([UInt8](data))
    }

    /// The migration at `name`, a name or a relative path inside the folder; when its bytes
    /// cannot be read, a migration that says so.
    func migration(at name: String, version: String, name migrationName: String, forcesNoTransaction: Bool = false) -> MigrationFile {
        switch read(name) {
        case .success(let bytes):
            MigrationFile(version: version, name: migrationName, path: path(of: name), contents: bytes, forcesNoTransaction: forcesNoTransaction)
        case .failure(let error):
            MigrationFile(version: version, name: migrationName, path: path(of: name), readError: error)
        }
    }

    /// Whether `name` is a file.
    func hasFile(_ name: String) -> Bool {
        Self.kind(of: path(of: name)) == .file
    }

    /// The relative paths of every file in the folder and its subfolders, hidden subfolders
    /// left out, sorted.
    func filesInSubfolders() throws(MigrationInputError) -> [String] {
        var found = files
        for folder in folders {
            found += try MigrationFolder(path: path(of: folder)).filesInSubfolders().map { Self.join(folder, $0) }
        }
        return found.sorted()
    }

    /// What the folder holds, for a message: `"2 files (1 .md, 1 .toml) and 12 subfolders
    /// (holding 12 files, 12 of them .sql)"`.
    var summary: String {
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        func extensions(_ names: [String]) -> String {
            let counts = Dictionary(grouping: names) { name in
                let ext = (name as NSString).pathExtension
                return ext.isEmpty ? "without extension" : ".\(ext)"
            }.mapValues(\.count)
            return counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        }
        var parts = [counted(files.count, "file") + (files.isEmpty ? "" : " (\(extensions(files)))")]
        if !folders.isEmpty {
            let nested = ((try? filesInSubfolders()) ?? []).filter { $0.contains("/") }
            let sql = nested.filter { $0.hasSuffix(".sql") }.count
            parts.append(counted(folders.count, "subfolder") + " (holding \(counted(nested.count, "file")), \(sql) of them .sql)")
        }
        return parts.joined(separator: " and ")
    }

    private enum Kind { case file, folder }

    private static func kind(of path: String) -> Kind? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
        return isDirectory.boolValue ? .folder : .file
    }

    private static func join(_ folder: String, _ name: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }
}
