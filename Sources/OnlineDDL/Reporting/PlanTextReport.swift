import OnlineDDLLocking
import OnlineDDLPlanning
import OnlineDDLSupport

/// `onlineddl plan` for people: per migration and statement, locks, data work, the live
/// prediction and findings.
public enum PlanTextReport {
    public static func render(_ plan: MigrationPlan) -> String {
        var lines: [String] = []
        if plan.migrations.isEmpty { return "No pending migrations.\n" }
        for migration in plan.migrations {
            let blocks = migration.units.filter { $0.kind == .block }.count
            let mode = !migration.planned ? "cannot be planned"
                : migration.statements.isEmpty ? "no statement (a no-op: apply only records it)"
                : migration.transactional ? "one transaction"
                : blocks > 0 ? "\(migration.units.count) units, committed one by one: \(blocks) BEGIN … COMMIT block(s), "
                    + "\(migration.units.count - blocks) statement(s) on their own"
                : migration.statements.allSatisfy(\.transactional) ? "statement by statement (the migration asks for no transaction)"
                : "statement by statement (has statements that cannot run in a transaction)"
            lines.append("\(migration.version)_\(migration.name) (\(migration.file)): \(mode)")
            lines += migration.findings.flatMap { finding(migration.file, $0) }
            for (index, statement) in migration.statements.enumerated() {
                if blocks > 0, let number = statement.unit, migration.units[number - 1].first == index + 1 {
                    lines.append("  unit \(number): " + describe(migration.units[number - 1]))
                }
                lines.append("  \(statement.line):\(statement.column)  \(oneLine(statement.sql))")
                lines.append("      " + locks(statement))
                if let prediction = statement.prediction { lines.append("      " + describe(prediction)) }
                lines += (statement.concurrentWaits ?? []).flatMap(describe)
                lines += (statement.standbys ?? []).map(describe)
                lines += statement.findings.flatMap { finding(migration.file, $0) }
            }
        }
        let counts = Dictionary(grouping: plan.allFindings, by: \.finding.severity).mapValues(\.count)
        let waits = plan.migrations.flatMap(\.statements).filter { $0.prediction.map { $0.outcome != .granted } ?? false }.count
        var summary = "\(plan.migrations.count) migration(s): \(counts[.error] ?? 0) error(s), \(counts[.warning] ?? 0) warning(s), \(counts[.info] ?? 0) note(s)"
        summary += plan.connected ? ", \(waits) statement(s) would wait for a lock now" : " (offline: no live prediction)"
        lines.append(summary)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `standby host=…: replay would wait behind pid 4242 (report, transaction open for 3.0 s); its readers would stall`
    private static func describe(_ standby: MigrationPlan.StandbyPrediction) -> String {
        let shown = standby.blockers.filter { $0.isLong == standby.wait }
        guard !shown.isEmpty else { return "      standby \(standby.standby): replay would not wait" }
        let who = shown.map { blocker in
            let name = blocker.applicationName.flatMap { $0.isEmpty ? nil : $0 }
            return blocker.pid.map { "pid \($0) (\(name.map { "\($0), " } ?? "")\(blocker.reason))" } ?? blocker.reason
        }.joined(separator: "; ")
        return standby.wait
            ? "      standby \(standby.standby): replay would wait behind \(who); its readers would stall: apply --standby waits"
            : "      standby \(standby.standby): replay would wait briefly behind \(who)"
    }

    private static func locks(_ statement: MigrationPlan.Statement) -> String {
        if let reason = statement.unclassified { return "locks: unknown (\(reason))" }
        let locks = statement.locks.isEmpty ? "no table locks"
            : "locks: " + statement.locks.map { "\($0.relation) \($0.mode.pgLocksName)" }.joined(separator: ", ")
        let work = switch statement.rewrite {
        case .none: "catalog only"
        case .scan: "scans the table under the lock"
        case .rewrite: "rewrites the table under the lock"
        }
        let size = statement.size.map { " (\(describe($0)))" } ?? ""
        return "\(locks); \(work)\(size)\(statement.transactional ? "" : "; cannot run in a transaction")"
    }

    private static func describe(_ unit: MigrationPlan.Unit) -> String {
        switch unit.kind {
        case .file: "the whole file in one transaction"
        case .block: "BEGIN … COMMIT, statements \(unit.first)-\(unit.last) in one transaction"
        case .statement: "statement \(unit.first) on its own"
        }
    }

    private static func describe(_ size: MigrationPlan.DataSize) -> String {
        let megabytes = Double(size.bytes) / 1_048_576
        let amount = megabytes >= 1024 ? String(format: "%.1f GB", megabytes / 1024) : String(format: "%.1f MB", megabytes)
        let rows = size.estimatedRows.map { String(format: ", ~%.0f rows", $0) } ?? ""
        let estimated = size.bytesEstimated ? " estimated from relpages" : ""
        return "\(size.relation): \(amount)\(estimated)\(rows)"
    }

    private static func describe(_ prediction: LockWaitPrediction) -> String {
        switch prediction.outcome {
        case .granted:
            return "now: would be granted at once"
        case .deadlock:
            return "now: would fail at once with a deadlock (40P01) on \(prediction.relation)"
        case .wait:
            let blockers = prediction.blockers.map { blocker in
                let session = blocker.session
                var words = [session.pid.map { "pid \($0)" } ?? "prepared transaction"]
                if blocker.kind == .soft { words.append("queued ahead") }
                words += describe(state: session.state, transactionAge: session.transactionAgeSeconds, app: session.applicationName)
                if let query = session.query?.trimmingSuffix(";"), !query.isEmpty { words.append("query: \(query)") }
                return words.joined(separator: ", ")
            }.joined(separator: "; ")
            var text = "now: would WAIT for \(prediction.mode.pgLocksName) on \(prediction.relation) behind \(blockers)"
            if !prediction.queuedBehind.isEmpty { text += "; \(prediction.queuedBehind.count) queued session(s) would wait behind it" }
            if !prediction.wouldBlock.isEmpty { text += "; new \(prediction.wouldBlock.joined(separator: ", ")) would queue behind it" }
            return text
        }
    }

    /// One line per transaction the phase would wait for, or one saying nobody.
    private static func describe(_ wait: ConcurrentWait) -> [String] {
        let phase = "      then \(wait.phase.rawValue)" + (wait.relation.map { " on \($0)" } ?? "")
        guard !wait.sessions.isEmpty else { return [phase + ": nobody now"] }
        return wait.sessions.map { session in
            let prepared = session.preparedTransaction.map { "prepared transaction '\($0)'" } ?? "prepared transaction"
            var words = [session.pid.map { "pid \($0)" } ?? prepared]
            words += describe(state: session.state, transactionAge: session.transactionAgeSeconds, app: session.applicationName)
            let certainty = session.certainty == .likely ? " (if it still runs then)" : ""
            return "\(phase): \(words.joined(separator: ", ")): \(session.explanation)\(certainty)"
        }
    }

    /// A session's state, transaction age and application, those known.
    private static func describe(state: String?, transactionAge: Double?, app: String?) -> [String] {
        var words: [String] = []
        if let state { words.append(state) }
        if let transactionAge { words.append("transaction \(DurationText.human(.seconds(transactionAge))) old") }
        if let app, !app.isEmpty { words.append("app \(app)") }
        return words
    }

    private static func finding(_ file: String, _ finding: MigrationPlan.FindingEntry) -> [String] {
        var lines = ["      \(file):\(finding.line):\(finding.column): \(finding.severity): \(finding.message) [\(finding.rule)]"]
        if let alternative = finding.safeAlternative {
            lines += alternative.nonEmptyLines.map { "          \($0)" }
        }
        return lines
    }

    private static func oneLine(_ sql: String) -> String {
        sql.singleLine(limit: 100)
    }
}

private extension String {
    /// The text split at line feeds, empty lines left out: what `split(separator: "\n")`
    /// returns (a line feed after a carriage return is one `Character` with it, so it does
    /// not split), found in the UTF-8 bytes instead of by grapheme breaking, which costs
    /// much more on the long safe alternatives some findings carry.
    var nonEmptyLines: [Substring] {
        let bytes = utf8
        var lines: [Substring] = []
        var start = bytes.startIndex
        var previous: UInt8 = 0
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") {
                if start != index { lines.append(self[start..<index]) }
                start = bytes.index(after: index)
            }
            previous = byte
            index = bytes.index(after: index)
        }
        if start != bytes.endIndex { lines.append(self[start..<bytes.endIndex]) }
        return lines
    }

    /// The text without trailing copies of `character`.
    func trimmingSuffix(_ character: Character) -> String {
        var text = self
        while text.last == character { text.removeLast() }
        return text
    }
}
