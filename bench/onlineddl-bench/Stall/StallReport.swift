import OnlineDDL

/// The stall benchmark's results as a Markdown table, then the targets for `onlineddl
/// apply`: no more statements over 50 ms than the baseline, a slowest statement within 2×
/// the baseline's, and done within 100 ms of the blocker's commit.
struct StallReport {
    static let doneTarget: Duration = .milliseconds(100)

    let options: StallOptions
    let serverVersion: String
    let results: [StallRunResult]

    var lines: [String] {
        var lines = [
            "stall: PostgreSQL \(serverVersion); \(options.writers) writers (single-row INSERT, \(DurationText.format(options.pause)) pause); "
                + "blocker idle in transaction for \(DurationText.format(options.blocker)) after one INSERT; "
                + "migration started \(DurationText.format(StallBenchmark.launchDelay)) into it; "
                + "statements sent from the blocker's start to \(DurationText.format(StallBenchmark.tail)) after its commit",
            "",
            "| run | statements | p50 | p99 | max | > 50 ms | errors | done after blocker commit |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += results.map(Self.row)
        if let baseline = results.first(where: { $0.migrator == .none }),
           let gated = results.first(where: { $0.migrator == .onlineddl }) {
            lines += [""] + Self.targets(baseline: baseline.latency, gated: gated)
        }
        let launch = Format.milliseconds((StallBenchmark.launchDelay - options.blocker).seconds)
        lines += ["", "slowest statement sent at, from the blocker's commit (the migration was launched at \(launch)):"]
        for result in results {
            let sent = result.latency.slowestSentAt.map { Format.milliseconds(($0 - result.blockerCommit).seconds) } ?? "–"
            lines.append("  \(result.migrator.name): \(sent)")
        }
        for result in results {
            if let error = result.latency.firstError { lines.append("first app error, \(result.migrator.name): \(error)") }
        }
        return lines
    }

    private static func row(_ result: StallRunResult) -> String {
        let latency = result.latency
        var done = result.doneAfterCommit.map { Format.milliseconds($0.seconds) } ?? "–"
        if let event = result.eventAfterCommit { done += " (migration_done line \(Format.milliseconds(event.seconds)))" }
        let cells = [
            result.migrator.name, "\(latency.statements)", Format.milliseconds(latency.p50.seconds),
            Format.milliseconds(latency.p99.seconds), Format.milliseconds(latency.max.seconds), "\(latency.slow)",
            "\(latency.errors)", done,
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    private static func targets(baseline: LatencySummary, gated: StallRunResult) -> [String] {
        func verdict(_ met: Bool) -> String { met ? "met" : "NOT MET" }
        let latency = gated.latency
        let done = gated.doneAfterCommit ?? .zero
        return [
            "targets for onlineddl apply:",
            "  statements over 50 ms: \(latency.slow), baseline \(baseline.slow): \(verdict(latency.slow <= baseline.slow))",
            "  max latency: \(Format.milliseconds(latency.max.seconds)), 2 × baseline \(Format.milliseconds(2 * baseline.max.seconds)): "
                + verdict(latency.max <= baseline.max * 2),
            "  done after the blocker's commit: \(Format.milliseconds(done.seconds)), target \(Format.milliseconds(doneTarget.seconds)): "
                + verdict(done <= doneTarget),
        ]
    }
}
