import Foundation
import OnlineDDLMigrations
import OnlineDDLRunner
import OnlineDDLSupport

/// `status` as a table for people.
public enum StatusTextReport {
    public static func render(_ status: MigrationStatus) -> String {
        var lines: [String] = []
        for entry in status.entries {
            var line = "\(entry.state.rawValue.replacingOccurrences(of: "_", with: " ").padding(toLength: 13, withPad: " ", startingAt: 0))"
            line += "\(entry.version) \(entry.name)"
            if let record = entry.record {
                switch entry.state {
                case .partial:
                    line += "  (\(record.statementsApplied) of \(record.statementsTotal) statements; the next apply resumes)"
                case .changed:
                    line += "  (file changed since it was applied on \(record.appliedAt))"
                default:
                    if let origin = record.origin {
                        line += "  (\(origin), \(record.appliedAt))"
                    } else {
                        line += "  (\(record.appliedAt), \(DurationText.human(.milliseconds(record.durationMilliseconds))), \(record.attempts) attempt\(record.attempts == 1 ? "" : "s"))"
                    }
                }
            }
            lines.append(line)
        }
        let counts = [MigrationStatus.State.applied, .pending, .partial, .changed, .missingFile]
            .map { "\(status.count($0)) \($0.rawValue.replacingOccurrences(of: "_", with: " "))" }
        lines.append("history table \(status.historyTable): " + counts.joined(separator: ", "))
        return lines.joined(separator: "\n") + "\n"
    }
}
