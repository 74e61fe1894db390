import Foundation
import OnlineDDLAdoption
import OnlineDDLMigrations
import OnlineDDLSupport

/// What `adopt` and `baseline` recorded (or would record, with `--dry-run`), as text for
/// people or one JSON object for tools.
public struct AdoptionReport: Encodable, Sendable {
    public let origin: HistoryOrigin
    public let toolTable: String?
    public let historyTable: String
    public let dryRun: Bool
    public let recorded: [AdoptedMigration]
    public let alreadyRecorded: [String]
    public let pending: [String]
    public let changed: [AdoptionChange]
    /// Each migration's name, for the text.
    let names: [String: String]

    public init(outcome: HistoryAdopter.Outcome, historyTable: HistoryTable, dryRun: Bool) {
        origin = outcome.plan.origin
        toolTable = outcome.toolTable?.description
        self.historyTable = historyTable.description
        self.dryRun = dryRun
        recorded = outcome.plan.recorded
        alreadyRecorded = outcome.plan.alreadyRecorded
        pending = outcome.plan.pending
        changed = outcome.plan.changed
        names = outcome.names
    }

    enum CodingKeys: String, CodingKey {
        case origin, recorded, pending, changed
        case toolTable = "tool_table"
        case historyTable = "history_table"
        case dryRun = "dry_run"
        case alreadyRecorded = "already_recorded"
    }

    /// The report as one pretty-printed JSON object, keys sorted.
    public func json() throws -> String {
        String(decoding: try JSONEncoder.contract(pretty: true).encode(self), as: UTF8.self)
    }

    /// The report for people, one line per migration and a total.
    public var text: String {
        var lines: [String] = []
        if case .adopted(let source) = origin, let toolTable { lines.append("\(source) history: \(toolTable)") }
        let changedFiles = Set(changed.map(\.file))
        for migration in recorded {
            var note = migration.appliedAt.map { "applied \($0)" } ?? "no applied time: recorded now"
            if changedFiles.contains(migration.file) { note += "; changed since, today's contents recorded" }
            lines.append("\(dryRun ? "would record" : "recorded    ") \(migration.version) \(migration.name)  (\(note))")
        }
        for version in alreadyRecorded { lines.append("already      \(version) \(names[version] ?? "")  (in onlineddl's history: left as it is)") }
        for version in pending { lines.append("pending      \(version) \(names[version] ?? "")  (never applied: the next apply runs it)") }
        let verb = dryRun ? "would record" : "recorded"
        lines.append("\(historyTable): \(verb) \(recorded.count) as \(origin), \(alreadyRecorded.count) already recorded, \(pending.count) pending")
        return lines.joined(separator: "\n") + "\n"
    }
}
