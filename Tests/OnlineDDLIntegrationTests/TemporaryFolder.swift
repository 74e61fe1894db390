import Foundation

/// A folder of migration files in the temporary directory, for tests that run the CLI on it.
enum TemporaryFolder {
    /// Creates `prefix-UUID` holding `files` (relative path → text, subfolders created) and
    /// returns its path.
    static func create(_ files: [String: String], prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            let file = URL(fileURLWithPath: path).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return path
    }
}
