import ArgumentParser
import Foundation
import OnlineDDL

/// The migration folders and files `plan` reads, how their files are named, and the project
/// configuration found from the first. A file is read with the rest of its folder, which is
/// what runs before it; only the files named, or every file of a folder named, are reported.
struct MigrationPathsOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Migration folders, or migration files (each planned with the files of its folder that run before it as history).",
        valueName: "path"))
    var paths: [String]

    @Option(help: MigrationFolderOptions.layoutHelp)
    var layout: MigrationLayout?

    @OptionGroup var configuration: ConfigurationOptions

    /// A folder to read and which of its files to report: all of them, or those named.
    private struct Selection {
        let folder: String
        /// Standardized paths of the files named; nil when the folder itself was named.
        var files: Set<String>?
    }

    /// The project configuration: `--config`, else the `onlineddl.toml` nearest the first
    /// folder.
    func projectConfiguration(verbose: Bool) throws(CommandFailure) -> ProjectConfiguration {
        try configuration.load(searchingFrom: try selections()[0].folder, verbose: verbose)
    }

    /// Each folder's migrations to plan, in version order, in the order the folders were
    /// first named: the files named, and the files before them as history only.
    func load(_ project: ProjectConfiguration, verbose: Bool) throws(CommandFailure) -> [[MigrationPlanner.Input]] {
        var inputs: [[MigrationPlanner.Input]] = []
        for selection in try selections() {
            let folder = try MigrationFolderOptions.read(selection.folder, layout: layout, project: project, verbose: verbose)
            var files = folder.files
            var paths = files.map { Self.standardized($0.path) }
            if let named = selection.files {
                let listed = Set(paths)
                if let stray = named.sorted().first(where: { !listed.contains($0) }) {
                    throw .usage(Self.notAMigration(stray, of: folder))
                }
                // The files after the last one named change nothing of its plan.
                if let last = paths.lastIndex(where: named.contains) {
                    files = Array(files[...last])
                    paths = Array(paths[...last])
                }
            }
            inputs.append(zip(zip(files, paths), PreparedMigration.prepareEach(files)).map { pair, prepared in
                var input = MigrationPlanner.Input(file: pair.0, prepared: prepared)
                input.historyOnly = selection.files.map { !$0.contains(pair.1) } ?? false
                return input
            })
        }
        return inputs
    }

    /// The folders named, and those of the files named, each once, in the order first named.
    private func selections() throws(CommandFailure) -> [Selection] {
        var selections: [Selection] = []
        var listings = MigrationDirectory.FolderListings()
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .usage("\(path): no such file or directory")
            }
            let folder = isDirectory.boolValue ? path : MigrationDirectory.folder(holding: path, layout: layout ?? .auto, listings: &listings)
            let file: String? = isDirectory.boolValue ? nil : Self.standardized(path)
            if let index = selections.firstIndex(where: { Self.standardized($0.folder) == Self.standardized(folder) }) {
                selections[index].files = file.flatMap { file in selections[index].files.map { $0.union([file]) } }
            } else {
                selections.append(Selection(folder: folder, files: file.map { [$0] }))
            }
        }
        return selections
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Why a file named on the command line is not one of its folder's migrations.
    private static func notAMigration(_ path: String, of folder: MigrationDirectory) -> String {
        if let part = folder.ignored.first(where: { standardized($0.path) == path }) {
            return "\(part.path): \(part.reason); plan reads only the migrations that run"
        }
        return "\(path): not a migration of \(folder.path) as the \(folder.layout) layout reads it; \(folder.layout.namingRule)"
    }
}
