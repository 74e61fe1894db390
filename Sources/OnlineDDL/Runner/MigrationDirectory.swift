import Foundation

/// A folder of migrations named `VERSION_name.sql`, in numeric version order.
///
/// Files that do not end in `.sql` (READMEs, down migrations kept elsewhere) are ignored.
/// A `.sql` name that does not start with digits and an underscore, an upper-case `.SQL`,
/// two files with the same version, a directory or broken symbolic link named like a
/// migration, or an unreadable file is an error before anything runs. Symbolic links to
/// files are read as the files.
public struct MigrationDirectory: Sendable {
    /// The folder as given.
    public let path: String
    /// The migrations, ordered by version.
    public let files: [MigrationFile]

    /// Reads every migration file of `path`.
    public init(path: String) throws(MigrationInputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missingDirectory(path)
        }
        guard isDirectory.boolValue else { throw .notADirectory(path) }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path)
        }
        var files: [MigrationFile] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".sql") {
            let filePath = (path as NSString).appendingPathComponent(name)
            guard name.hasSuffix(".sql") else { throw .upperCaseExtension(filePath) }
            guard let (version, migrationName) = Self.split(fileName: name) else {
                throw .badFileName(filePath)
            }
            files.append(MigrationFile(version: version, name: migrationName, path: filePath, contents: try Self.read(filePath)))
        }
        var seen: [String: String] = [:]
        for file in files {
            if let other = seen[file.canonicalVersion] {
                throw .duplicateVersion(file.version, [other, file.path])
            }
            seen[file.canonicalVersion] = file.path
        }
        self.path = path
        self.files = files.sorted { MigrationFile.numericOrder($0.version, $1.version) }
    }

    /// The bytes of a migration file, following a symbolic link.
    private static func read(_ path: String) throws(MigrationInputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .brokenLink(path) }
        guard !isDirectory.boolValue else { throw .notAFile(path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path) }
        return [UInt8](data)
    }

    /// `0003_add_index.sql` → ("0003", "add_index").
    static func split(fileName: String) -> (version: String, name: String)? {
        let stem = fileName.dropLast(".sql".count)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let version = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard !version.isEmpty, version.allSatisfy(\.isASCIIDigit), !name.isEmpty else { return nil }
        return (String(version), String(name))
    }
}

/// Why a migration folder cannot be used. Every case names the path at fault.
public enum MigrationInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingDirectory(String)
    case notADirectory(String)
    case unreadable(String)
    case badFileName(String)
    case upperCaseExtension(String)
    case notAFile(String)
    case brokenLink(String)
    case duplicateVersion(String, [String])

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            "\(path): no such directory"
        case .notADirectory(let path):
            "\(path): not a directory; give the folder that holds the migration files"
        case .unreadable(let path):
            "\(path): cannot be read (check permissions)"
        case .badFileName(let path):
            "\(path): migration files are named VERSION_name.sql, VERSION being digits (for example 0003_add_index.sql)"
        case .upperCaseExtension(let path):
            "\(path): migration files end in lower-case .sql; rename it to \(path.dropLast(4)).sql"
        case .notAFile(let path):
            "\(path): a directory named like a migration file; move it out of the folder or rename it"
        case .brokenLink(let path):
            "\(path): a symbolic link to a file that does not exist"
        case .duplicateVersion(let version, let paths):
            "version \(version) is used by more than one file: \(paths.joined(separator: ", "))"
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
