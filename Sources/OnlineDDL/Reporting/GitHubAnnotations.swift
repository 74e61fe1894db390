import OnlineDDLPlanning

/// `onlineddl plan --format github`: one GitHub Actions workflow command per finding, so
/// findings show up on the pull request's changed lines, per predicted lock wait, and per
/// phase of a `CONCURRENTLY` statement that would wait for someone.
public enum GitHubAnnotations {
    public static func render(_ plan: MigrationPlan) -> String {
        var lines: [String] = []
        for (file, finding) in plan.allFindings {
            let command = switch finding.severity {
            case .error: "error"
            case .warning: "warning"
            case .info: "notice"
            }
            var message = finding.message
            if let alternative = finding.safeAlternative { message += "\nSafe alternative:\n" + alternative }
            lines.append("::\(command) file=\(property(file)),line=\(finding.line),col=\(finding.column),title=\(property("onlineddl \(finding.rule)"))::\(data(message))")
        }
        for migration in plan.migrations {
            for statement in migration.statements {
                for wait in statement.concurrentWaits ?? [] where !wait.sessions.isEmpty {
                    let sessions = wait.sessions.map { session in
                        session.pid.map { "pid \($0)" } ?? session.preparedTransaction.map { "prepared transaction '\($0)'" }
                            ?? "a prepared transaction"
                    }.joined(separator: ", ")
                    lines.append("::warning file=\(property(migration.file)),line=\(statement.line),col=\(statement.column),title=\(property("onlineddl concurrent wait"))::\(data("Would wait (\(wait.phase.rawValue)) for \(sessions)"))")
                }
                guard let prediction = statement.prediction, prediction.outcome != .granted else { continue }
                let pids = prediction.blockers.compactMap(\.session.pid).map(String.init).joined(separator: ", ")
                lines.append("::warning file=\(property(migration.file)),line=\(statement.line),col=\(statement.column),title=\(property("onlineddl lock wait"))::\(data("Would wait for \(prediction.mode.pgLocksName) on \(prediction.relation) behind pid \(pids)"))")
            }
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// Escapes a message, as GitHub's toolkit does for workflow command data.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escapes a property value (file, title), which may not hold `:` or `,` either.
    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
