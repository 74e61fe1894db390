import ArgumentParser
import Foundation
import OnlineDDL

/// The hot standbys whose readers a command protects: `--standby`, `--standby-optional`,
/// `--max-replay-lag`, else `[apply]` `standbys`, `optional_standbys` and `max_replay_lag`
/// of onlineddl.toml.
struct StandbyOptions: ParsableArguments {
    @Option(
        name: .customLong("standby"),
        help: ArgumentHelp(
            "A hot standby to check before each ACCESS EXCLUSIVE statement (repeatable); unreachable: exit 1.",
            valueName: "url"))
    var required: [String] = []

    @Option(
        name: .customLong("standby-optional"),
        help: ArgumentHelp(
            "A hot standby to check, left out (and reported) when it cannot be reached (repeatable).",
            valueName: "url"))
    var optional: [String] = []

    @Option(help: "Most replay lag a standby may have when an ACCESS EXCLUSIVE statement is sent (0: no limit). (default: \(DurationText.format(RunnerConfiguration().maxReplayLag)))")
    var maxReplayLag: DurationArgument?

    /// The flags' standbys when any is given, else the project's.
    func targets(_ project: ProjectConfiguration) throws -> [StandbyTarget] {
        guard required.isEmpty && optional.isEmpty else {
            return required.map { StandbyTarget(ConnectionString($0)) }
                + optional.map { StandbyTarget(ConnectionString($0), isOptional: true) }
        }
        do {
            return try project.apply.standbyTargets(
                environment: ProcessInfo.processInfo.environment, path: project.path ?? ProjectConfiguration.fileName)
        } catch {
            throw CommandFailure.usage(error.description)
        }
    }
}
