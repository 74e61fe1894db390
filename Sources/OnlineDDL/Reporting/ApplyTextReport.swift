import OnlineDDLLocking
import OnlineDDLRunner
import OnlineDDLSupport

/// apply's events as lines for people.
public enum ApplyTextReport {
    /// The line for an event, or nil for events shown only with `--verbose` (or never).
    public static func line(for event: RunEvent, verbose: Bool, colors: Bool) -> String? {
        func paint(_ text: String, _ color: TextColor) -> String { color.paint(text, enabled: colors) }
        switch event {
        case .runnerWaiting(let wait):
            return paint("waiting for another runner: \(wait.holder)", .yellow)
        case .standbySkipped(let skipped):
            return paint("standby \(skipped.standby) left out (optional): \(skipped.message)", .yellow)
        case .migrationStarted(let start) where start.statements == 0:
            return "\(start.version) \(start.name): no statement (a no-op), only recorded in the history table"
        case .migrationStarted(let start):
            let mode = start.transactional ? "in one transaction"
                : start.units == start.statements ? "statement by statement"
                : "in \(start.units) unit\(start.units == 1 ? "" : "s")"
            let resume = start.resumeAfter > 0 ? ", resuming after statement \(start.resumeAfter)" : ""
            return "\(start.version) \(start.name): \(start.statements) statement\(start.statements == 1 ? "" : "s"), \(mode)\(resume)"
        case .statementPredicted(let prediction):
            switch prediction.verdict {
            case .proceed:
                return "  \(prediction.position): would wait briefly behind \(blockers(prediction.blockers)); sending with lock_timeout"
            case .clear where verbose:
                return paint("  \(prediction.position): locks would be granted now", .dim)
            default:
                return nil
            }
        case .waiting(let wait) where wait.blockers.contains(where: { $0.isLong && $0.standby != nil }):
            return paint("  \(wait.position): not sent: \(wait.mode.pgLocksName) on \(wait.relation) would stall readers behind", .yellow) + "\n"
                + wait.blockers.filter(\.isLong).map { "    \(describe($0))\n" }.joined()
                + "    waiting; checking every \(wait.nextCheckMilliseconds) ms"
        case .waiting(let wait):
            return paint("  \(wait.position): not sent: \(wait.mode.pgLocksName) on \(wait.relation) would queue behind", .yellow) + "\n"
                + wait.blockers.filter(\.isLong).map { "    \(describe($0))\n" }.joined()
                + "    waiting for it to end; checking every \(wait.nextCheckMilliseconds) ms"
        case .stillWaiting:
            return nil
        case .attemptFailed(let failure):
            let retry = failure.retryInMilliseconds.map { "; retrying in \($0) ms" } ?? ""
            return paint("  \(failure.position): attempt \(failure.attempt) failed: \(failure.message)\(retry)", .yellow)
        case .buildWaiting(let waiting):
            let who = waiting.blockers.isEmpty ? "" : ", behind " + waiting.blockers.map { $0 == 0 ? "a prepared transaction" : "pid \($0)" }.joined(separator: ", ")
            return paint("  \(waiting.position): the build is \(waiting.phase ?? "waiting for other transactions")\(who); "
                + "not cancelled: it goes on when they end", .yellow)
        case .invalidIndexDropped(let drop):
            return "  \(drop.position): dropped INVALID index \(drop.index) left by the failed attempt"
        case .statementDone(let done):
            return verbose ? paint("  \(done.position): done in \(human(done.durationMilliseconds))", .dim) : nil
        case .migrationDone(let done):
            let waited = done.lockWaitMilliseconds > 0 ? ", waited \(human(done.lockWaitMilliseconds)) for locks" : ""
            return paint("  applied", .green)
                + " in \(human(done.durationMilliseconds)) (\(done.attempts) attempt\(done.attempts == 1 ? "" : "s")\(waited))"
        case .summary(let summary):
            let outcome = summary.outcome == .ok ? "done" : summary.outcome.rawValue.replacingOccurrences(of: "_", with: " ")
            var text = paint(outcome + ":", summary.outcome == .ok ? .green : .red)
            text += " \(summary.applied.count) applied, \(summary.pending.count) pending, \(human(summary.durationMilliseconds))"
            if summary.lockWaitMilliseconds > 0 { text += ", \(human(summary.lockWaitMilliseconds)) waiting for locks" }
            return text
        }
    }

    /// The live line while the gate waits: elapsed time, the blocker, the next check.
    public static func progress(_ waiting: RunEvent.Waiting, colors: Bool) -> String {
        let shown = waiting.blockers.first { $0.isLong } ?? waiting.blockers.first
        let blocker = shown.map { shown in
            if let standby = shown.standby, shown.pid == nil { return "standby \(standby) (\(shown.reason))" }
            return "pid \(shown.pid.map(String.init) ?? "?")\(shown.standby.map { " on standby \($0)" } ?? "") (\(shown.reason))"
        } ?? "a session"
        let text = "  waiting \(DurationText.human(.milliseconds(Int64(waiting.waitedSeconds * 1000)))) for \(blocker); "
            + "next check in \(waiting.nextCheckMilliseconds) ms"
        return TextColor.dim.paint(text, enabled: colors)
    }

    private static func blockers(_ blockers: [GateBlocker]) -> String {
        let shown = blockers.contains(where: \.isLong) ? blockers.filter(\.isLong) : blockers
        return shown.map(describe).joined(separator: "; ")
    }

    /// `pid 4242 (psql, idle in transaction for 42.0 s): UPDATE accounts …`; on a standby
    /// `pid 4242 on standby host=… (…)`, or `standby host=… (replay paused)`.
    private static func describe(_ blocker: GateBlocker) -> String {
        if let standby = blocker.standby, blocker.pid == nil { return "standby \(standby) (\(blocker.reason))" }
        var details: [String] = []
        if let name = blocker.applicationName, !name.isEmpty { details.append(name) }
        details.append(blocker.reason)
        let place = blocker.standby.map { " on standby \($0)" } ?? ""
        var text = "pid \(blocker.pid.map(String.init) ?? "?")\(place) (\(details.joined(separator: ", ")))"
        if let query = blocker.query, !query.isEmpty { text += ": \(query)" }
        return text
    }

    private static func human(_ milliseconds: Int64) -> String {
        DurationText.human(.milliseconds(milliseconds))
    }
}
