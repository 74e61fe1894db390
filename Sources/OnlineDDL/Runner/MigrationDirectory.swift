import Foundation

/// A folder of migrations named `VERSION_name.sql`, in numeric version order.
///
/// Files that do not end in `.sql` (READMEs, down migrations kept elsewhere) are ignored.
/// A `.sql` file whose name does not start with digits and an underscore, two files with
/// the same version, or an unreadable file is an error before anything runs.
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
        for name in names.sorted() where name.hasSuffix(".sql") {
            let filePath = (path as NSString).appendingPathComponent(name)
            guard let (version, migrationName) = Self.split(fileName: name) else {
                throw .badFileName(filePath)
            }
            guard let data = FileManager.default.contents(atPath: filePath) else {
                throw .unreadable(filePath)
            }
            files.append(MigrationFile(version: version, name: migrationName, path: filePath, contents: [UInt8](data)))
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
        case .duplicateVersion(let version, let paths):
            "version \(version) is used by more than one file: \(paths.joined(separator: ", "))"
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
