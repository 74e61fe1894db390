import OnlineDDL

/// The concurrent build benchmark's results as a Markdown table, the work and lock-hold
/// ratios against the reference build measured in the same run, then the targets for
/// `onlineddl apply`: one build, a valid index, no INVALID index left behind, and SHARE
/// UPDATE EXCLUSIVE held no longer than a build with nothing in the way (plus 1 s).
struct ConcurrentBuildReport {
    static let lockMargin: Duration = .seconds(1)

    let options: ConcurrentBuildOptions
    let serverVersion: String
    let results: [ConcurrentBuildRunResult]

    var lines: [String] {
        var lines = [
            "concurrent-build: PostgreSQL \(serverVersion); CREATE INDEX CONCURRENTLY on a text column of \(options.rows) rows; "
                + "a REPEATABLE READ transaction on another table idle for \(DurationText.human(options.blocker)) in all, "
                + "\(DurationText.human(ConcurrentBuildBenchmark.launchDelay)) old when the migration starts",
            "",
            "| run | exit | builds started | building | waiting inside the build | SHARE UPDATE EXCLUSIVE held | total | done after the blocker's commit | index |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        lines += results.map(Self.row)
        guard let reference = results.first(where: { $0.migrator == .psqlUnblocked }) else { return lines }
        lines += ["", "against the reference build (\(Self.seconds(reference.builds.buildTime)) building, "
            + "\(Self.seconds(reference.builds.lockHeld)) holding the lock):"]
        for result in results where result.migrator != .psqlUnblocked {
            lines.append("  \(result.migrator.name): building \(Self.ratio(result.builds.buildTime, reference.builds.buildTime))×, "
                + "lock held \(Self.ratio(result.builds.lockHeld, reference.builds.lockHeld))×")
        }
        if let gated = results.first(where: { $0.migrator == .onlineddl }) {
            lines += [""] + Self.targets(reference: reference, gated: gated)
        }
        for result in results where result.outcome.status != 0 {
            let last = result.outcome.output.split(separator: "\n").last.map(String.init) ?? ""
            lines.append("\(result.migrator.name) exited with status \(result.outcome.status): \(last.prefix(300))")
        }
        return lines
    }

    private static func row(_ result: ConcurrentBuildRunResult) -> String {
        let index =
            result.indexValid
            ? "valid" : "missing"
        let cells = [
            result.migrator.name, "\(result.outcome.status)", "\(result.builds.builds)", seconds(result.builds.buildTime),
            seconds(result.builds.waitTime), seconds(result.builds.lockHeld), seconds(result.total),
            result.doneAfterBlocker.map(seconds) ?? "–",
            result.invalidLeft == 0 ? index : "\(index), \(result.invalidLeft) INVALID left",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    private static func targets(reference: ConcurrentBuildRunResult, gated: ConcurrentBuildRunResult) -> [String] {
        func verdict(_ met: Bool) -> String { met ? "met" : "NOT MET" }
        let lockLimit = reference.builds.lockHeld + lockMargin
        return [
            "targets for onlineddl apply:",
            "  builds started: \(gated.builds.builds), target 1: \(verdict(gated.builds.builds == 1))",
            "  index valid, no INVALID index left: \(verdict(gated.indexValid && gated.invalidLeft == 0 && gated.outcome.status == 0))",
            "  SHARE UPDATE EXCLUSIVE held: \(seconds(gated.builds.lockHeld)), reference + 1 s \(seconds(lockLimit)): "
                + verdict(gated.builds.lockHeld <= lockLimit),
        ]
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", duration.seconds)
    }

    private static func ratio(_ value: Duration, _ anchor: Duration) -> String {
        anchor > .zero ? Format.ratio(value.seconds / anchor.seconds) : "–"
    }
}
