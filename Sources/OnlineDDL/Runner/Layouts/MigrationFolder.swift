import Foundation

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
