import Foundation
import OnlineDDL

/// Writes apply's events as they happen: readable progress, or JSON Lines.
struct ApplyReporter: Sendable {
    let format: OutputFormat

    func report(_ event: RunEvent) {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(event) else { return }
            Console.output(String(decoding: data, as: UTF8.self))
        case .text:
            if let line = ApplyTextReport.line(for: event) { Console.output(line) }
        }
    }
}

/// apply's events as lines for people.
enum ApplyTextReport {
    static func line(for event: RunEvent) -> String? {
        switch event {
        case .runnerWaiting(let wait):
            return "waiting for another runner: \(wait.holder)"
        case .migrationStarted(let start):
            let mode = start.transactional ? "in one transaction" : "statement by statement"
            let resume = start.resumeAfter > 0 ? ", resuming after statement \(start.resumeAfter)" : ""
            return "\(start.version) \(start.name): \(start.statements) statement\(start.statements == 1 ? "" : "s"), \(mode)\(resume)"
        case .statementPredicted(let prediction):
            guard prediction.verdict == .proceed else { return nil }
            return "  \(prediction.position): would wait briefly behind \(blockers(prediction.blockers)); sending with lock_timeout"
        case .waiting(let wait):
            return "  \(wait.position): not sent: \(wait.mode.pgLocksName) on \(wait.relation) would queue behind\n"
                + wait.blockers.filter(\.isLong).map { "    \(describe($0))\n" }.joined()
                + "    waiting for it to end; checking every \(wait.nextCheckMilliseconds) ms"
        case .attemptFailed(let failure):
            let retry = failure.retryInMilliseconds.map { "; retrying in \($0) ms" } ?? ""
            return "  \(failure.position): attempt \(failure.attempt) failed: \(failure.message)\(retry)"
        case .invalidIndexDropped(let drop):
            return "  \(drop.position): dropped INVALID index \(drop.index) left by the failed attempt"
        case .statementDone:
            return nil
        case .migrationDone(let done):
            let waited = done.lockWaitMilliseconds > 0 ? ", waited \(human(done.lockWaitMilliseconds)) for locks" : ""
            return "  applied in \(human(done.durationMilliseconds)) (\(done.attempts) attempt\(done.attempts == 1 ? "" : "s")\(waited))"
        case .summary(let summary):
            var text = "\(summary.outcome == .ok ? "done" : summary.outcome.rawValue.replacingOccurrences(of: "_", with: " ")): "
            text += "\(summary.applied.count) applied, \(summary.pending.count) pending, \(human(summary.durationMilliseconds))"
            if summary.lockWaitMilliseconds > 0 { text += ", \(human(summary.lockWaitMilliseconds)) waiting for locks" }
            return text
        }
    }

    private static func blockers(_ blockers: [GateBlocker]) -> String {
        let shown = blockers.contains(where: \.isLong) ? blockers.filter(\.isLong) : blockers
        return shown.map(describe).joined(separator: "; ")
    }

    /// `pid 4242 (psql, idle in transaction for 42.0 s): UPDATE accounts …`
    private static func describe(_ blocker: GateBlocker) -> String {
        var details: [String] = []
        if let name = blocker.applicationName, !name.isEmpty { details.append(name) }
        details.append(blocker.reason)
        var text = "pid \(blocker.pid.map(String.init) ?? "?") (\(details.joined(separator: ", ")))"
        if let query = blocker.query, !query.isEmpty { text += ": \(query)" }
        return text
    }

    private static func human(_ milliseconds: Int64) -> String {
        DurationText.human(.milliseconds(milliseconds))
    }
}
