import Foundation
import OnlineDDLAnalysis
import OnlineDDLCatalog
import OnlineDDLLint
import OnlineDDLLocking
import OnlineDDLMigrations
import OnlineDDLParsing
import OnlineDDLPostgres
import OnlineDDLRunner
import OnlineDDLSupport

/// A project's defaults from `onlineddl.toml`, which command-line flags override.
///
/// ```toml
/// database_url_env = "DATABASE_URL"
/// history_table = "onlineddl.schema_migrations"
/// layout = "auto"
/// [apply]
/// lock_timeout = "2s"
/// [lint]
/// pg_version = 17
/// ignore = ["require-concurrent-index"]
/// [lint.severity]
/// "adding-foreign-key" = "error"
/// ```
///
/// An unknown key, a value of the wrong type and a bad value are errors naming the file and
/// the key, so a typo never silently does nothing. See `docs/configuration.md`.
public struct ProjectConfiguration: Sendable, Equatable {
    /// The file onlineddl looks for.
    public static let fileName = "onlineddl.toml"
    /// The environment variable that holds the database URL when the file names none.
    public static let defaultDatabaseURLVariable = "DATABASE_URL"

    /// The file read; nil when there was none.
    public var path: String?
    /// The environment variable that holds the database URL (`database_url_env`).
    public var databaseURLVariable: String?
    public var historyTable: HistoryTable?
    public var layout: MigrationLayout?
    public var apply = ApplySettings()
    public var lint = LintSettings()

    /// No file: every setting left to flags and built-in defaults.
    public init() {}

    /// Reads the file at `path`.
    public init(contentsOf path: String) throws(ConfigurationError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(path: path, message: "cannot be read (no such file, or no permission)")
        }
        try self.init(toml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses TOML text; `path` names it in errors.
    public init(toml: String, path: String) throws(ConfigurationError) {
        let document = try TOMLDocument(path: path, text: toml)
        try document.rejectUnknownKeys(["database_url_env", "history_table", "layout", "apply", "lint"])
        self.path = path
        databaseURLVariable = try document.string("database_url_env")
        if databaseURLVariable?.isEmpty == true {
            throw document.error("database_url_env", "must name an environment variable, such as \"DATABASE_URL\"")
        }
        if let table = try document.string("history_table") {
            do {
                historyTable = try HistoryTable(parsing: table)
            } catch {
                throw document.error("history_table", error.description)
            }
        }
        if let name = try document.string("layout") {
            guard let layout = MigrationLayout(rawValue: name) else {
                throw document.error("layout", "expected one of \(MigrationLayout.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(name)\"")
            }
            self.layout = layout
        }
        apply = try document.table("apply").map(ApplySettings.init) ?? ApplySettings()
        lint = try document.table("lint").map(LintSettings.init) ?? LintSettings()
    }

    /// The first `onlineddl.toml` in `directory` or the folders above it, up to the root.
    public static func find(from directory: String) -> String? {
        var folder = URL(fileURLWithPath: directory).standardizedFileURL
        while true {
            let candidate = folder.appendingPathComponent(fileName).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            guard parent.path != folder.path else { return nil }
            folder = parent
        }
    }
}
