import Foundation

/// A folder of migration files in the temporary directory, for tests that run the CLI on it.
enum TemporaryFolder {
    /// Creates `prefix-UUID` holding `files` (name → text) and returns its path.
    static func create(_ files: [String: String], prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path).appendingPathComponent(name))
        }
        return path
    }
}
