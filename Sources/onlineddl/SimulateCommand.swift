import ArgumentParser
import Foundation
import OnlineDDL

/// `onlineddl simulate`: replays a lock scenario in the lock-manager simulator.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Replay a what-if lock scenario in onlineddl's model of PostgreSQL's lock manager.",
        discussion: """
            The scenario is JSON: {"steps": [{"session": "s1", "lock": "t1", "mode": "RowExclusiveLock"}, \
            {"session": "s2", "lock": "t1", "mode": "AccessExclusiveLock", "nowait": true}, \
            {"session": "s2", "cancel": true}, {"session": "s1", "release": true}]}. A release step is \
            that session's COMMIT; a cancel step cancels its waiting request (57014). The output has \
            one state per step: every lock row (granted and waiting) and the SQLSTATE of each session \
            whose request failed at that step. See docs/simulate.md.
            """
    )

    @Argument(help: ArgumentHelp("The scenario file, or - for standard input.", valueName: "file"))
    var file: String = "-"

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Option(name: .customLong("pg-version"), help: ArgumentHelp("PostgreSQL major version to simulate (12 or later); overrides the file's pg_version. Default: the file's, else \(LockScenario.defaultPostgresVersion).", valueName: "n"))
    var postgresVersion: Int?

    func validate() throws {
        if let postgresVersion, postgresVersion < LockScenario.oldestSupportedPostgresVersion {
            throw ValidationError("--pg-version must be \(LockScenario.oldestSupportedPostgresVersion) or later")
        }
    }

    func run() throws {
        let name = file == "-" ? "<stdin>" : file
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CommandFailure.usage("\(name): cannot read the file")
        }
        var scenario: LockScenario
        do {
            scenario = try JSONDecoder().decode(LockScenario.self, from: data)
        } catch {
            throw CommandFailure.usage("\(name): not a lock scenario: \(Self.describe(error))")
        }
        if let postgresVersion { scenario.postgresVersion = postgresVersion }
        do {
            let result = try scenario.run()
            switch format {
            case .json:
                Console.output(String(decoding: try result.jsonData(), as: UTF8.self))
            case .text:
                Console.write(LockScenarioReport.render(actions: try scenario.actions(), result: result))
            }
        } catch let error as LockScenarioError {
            throw CommandFailure.usage("\(name): \(error)")
        }
    }

    /// A decoding error without Foundation's internal wording, naming the JSON path.
    private static func describe(_ error: any Error) -> String {
        guard let decoding = error as? DecodingError else { return "invalid JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys)"
        }
        switch decoding {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "invalid JSON" : "invalid value\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"\(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "invalid JSON"
        }
    }
}
