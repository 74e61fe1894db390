import Foundation

/// The folders of `Tests/OnlineDDLTests/Fixtures/layouts`, one per layout, and temporary
/// folders for the cases that must fail.
enum LayoutFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/layouts").path

    /// The fixture folder `name`.
    static func path(_ name: String) -> String {
        (root as NSString).appendingPathComponent(name)
    }

    /// A new temporary folder holding `files` (relative paths, subfolders created).
    static func temporary(_ files: [String: String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("layouts-\(UUID())").path
        for (name, text) in files {
            let file = URL(fileURLWithPath: path).appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
