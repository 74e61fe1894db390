import ArgumentParser
import OnlineDDL

extension MigrationLayout: ExpressibleByArgument {}

/// The migration folder of apply and status, how its files are named, and the project
/// configuration found from it.
struct MigrationFolderOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("The folder of migration files (named as --layout says).", valueName: "dir"))
    var directory: String

    @Option(help: MigrationFolderOptions.layoutHelp)
    var layout: MigrationLayout?

    @OptionGroup var configuration: ConfigurationOptions

    static let layoutHelp = ArgumentHelp(
        "How the files are named: auto (detect), plain (VERSION_name.sql), golang-migrate, flyway, dbmate, diesel, prisma, goose, sqlx or supabase (default: layout in onlineddl.toml, else auto).",
        valueName: "layout")

    /// The project configuration: `--config`, else the `onlineddl.toml` nearest the folder.
    func projectConfiguration(verbose: Bool) throws(CommandFailure) -> ProjectConfiguration {
        try configuration.load(searchingFrom: directory, verbose: verbose)
    }

    /// The folder's migrations (see ``read(_:layout:project:verbose:)``), those that cannot be
    /// read among them with their ``MigrationFile/readError``.
    func load(_ project: ProjectConfiguration, verbose: Bool) throws(CommandFailure) -> [MigrationFile] {
        try Self.read(directory, layout: layout, project: project, verbose: verbose).files
    }

    /// Reads a folder as `layout`, else the configuration's layout, else detected, and
    /// reports on standard error what is not run. Problems are usage errors (exit 2).
    static func read(
        _ directory: String, layout: MigrationLayout?, project: ProjectConfiguration, verbose: Bool
    ) throws(CommandFailure) -> MigrationDirectory {
        let folder: MigrationDirectory
        do {
            folder = try MigrationDirectory(path: directory, layout: layout ?? project.layout ?? .auto)
        } catch {
            throw .usage(error.description)
        }
        Console.verbose("\(folder.files.count) migration(s) in \(directory), layout \(folder.layout)", enabled: verbose)
        report(folder.ignored, verbose: verbose)
        return folder
    }

    /// Down migrations in one note (the first five unless verbose); each unsupported file in
    /// a warning of its own.
    private static func report(_ ignored: [IgnoredMigrationPart], verbose: Bool) {
        let down = ignored.filter { $0.kind == .down }
        if !down.isEmpty {
            let shown = verbose ? down : Array(down.prefix(5))
            var text = "\(down.count) down migration\(down.count == 1 ? "" : "s") not run (onlineddl applies forward only): "
                + shown.map(\.path).joined(separator: ", ")
            if shown.count < down.count { text += " and \(down.count - shown.count) more (--verbose lists them all)" }
            Console.note(text)
        }
        for part in ignored where part.kind == .unsupported {
            Console.warning(part.description)
        }
    }
}
