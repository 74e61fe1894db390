import ArgumentParser
import Foundation
import OnlineDDL

/// `--config` and `--no-config`: where the project's `onlineddl.toml` defaults come from.
struct ConfigurationOptions: ParsableArguments {
    @Option(
        name: .customLong("config"),
        help: ArgumentHelp(
            "Read project defaults from this file (default: the first onlineddl.toml in the migration folder or a folder above it; for locks and ping, above the current folder).",
            valueName: "path"))
    var path: String?

    @Flag(name: .customLong("no-config"), help: "Read no onlineddl.toml: flags and built-in defaults only.")
    var noConfig = false

    func validate() throws {
        if path != nil, noConfig { throw ValidationError("--config and --no-config exclude each other") }
    }

    /// The configuration named by `--config`, else the first `onlineddl.toml` in `folder` or
    /// above it, else none. A bad file is a usage error naming the file and the key.
    func load(searchingFrom folder: String, verbose: Bool) throws(CommandFailure) -> ProjectConfiguration {
        guard !noConfig, let file = path ?? ProjectConfiguration.find(from: folder) else { return ProjectConfiguration() }
        Console.verbose("reading defaults from \(file)", enabled: verbose)
        do {
            return try ProjectConfiguration(contentsOf: file)
        } catch {
            throw .usage(error.description)
        }
    }

    /// The configuration for a command without a migration folder: from the current folder up.
    func load(verbose: Bool) throws(CommandFailure) -> ProjectConfiguration {
        try load(searchingFrom: FileManager.default.currentDirectoryPath, verbose: verbose)
    }
}
