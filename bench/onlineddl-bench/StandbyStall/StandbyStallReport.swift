import OnlineDDL

/// The standby stall benchmark's results as a Markdown table, then the targets for
/// `onlineddl apply --standby`: no more reads over 50 ms than the baseline, a slowest read
/// within 50 ms of the baseline's, nothing cancelled on the standby, and done within 1 s of
/// the report's commit.
struct StandbyStallReport {
    static let doneTarget: Duration = .seconds(1)
    static let slowMargin: Duration = .milliseconds(50)

    let options: StandbyStallOptions
    let serverVersion: String
    let results: [StandbyStallRunResult]

    var lines: [String] {
        var lines = [
            "standby-stall: PostgreSQL \(serverVersion) and its streaming hot standby; \(options.readers) readers on the standby "
                + "(SELECT count(*) of 1000 rows, \(DurationText.format(options.pause)) pause); a report on the standby idle in "
                + "transaction for \(DurationText.format(options.report)) after one count; migration started "
                + "\(DurationText.format(StandbyStallBenchmark.launchDelay)) into it; reads sent from the report's start to "
                + "\(DurationText.format(StandbyStallBenchmark.tail)) after its commit",
            "",
            "| run | reads | p50 | p99 | max | > 50 ms | errors | cancelled on standby | done after report commit | column on standby after report commit |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        lines += results.map(Self.row)
        if let baseline = results.first(where: { $0.migrator == .none }),
           let gated = results.first(where: { $0.migrator == .onlineddlStandby }) {
            lines += [""] + Self.targets(baseline: baseline.latency, gated: gated)
        }
        for result in results {
            if let error = result.latency.firstError { lines.append("first reader error, \(result.migrator.name): \(error)") }
            if let error = result.reportError { lines.append("report cancelled, \(result.migrator.name): \(error)") }
        }
        return lines
    }

    private static func row(_ result: StandbyStallRunResult) -> String {
        let latency = result.latency
        let cells = [
            result.migrator.name, "\(latency.statements)", Format.milliseconds(latency.p50.seconds),
            Format.milliseconds(latency.p99.seconds), Format.milliseconds(latency.max.seconds), "\(latency.slow)",
            "\(latency.errors)", "\(result.cancellations + (result.reportError == nil ? 0 : 1) > 0 ? "yes" : "no")",
            result.doneAfterCommit.map { Format.milliseconds($0.seconds) } ?? "–",
            result.replicatedAfterCommit.map { Format.milliseconds($0.seconds) } ?? "–",
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    private static func targets(baseline: LatencySummary, gated: StandbyStallRunResult) -> [String] {
        func verdict(_ met: Bool) -> String { met ? "met" : "NOT MET" }
        let latency = gated.latency
        let done = gated.doneAfterCommit ?? .zero
        return [
            "targets for onlineddl apply --standby:",
            "  reads over 50 ms: \(latency.slow), baseline \(baseline.slow): \(verdict(latency.slow <= baseline.slow))",
            "  max latency: \(Format.milliseconds(latency.max.seconds)), baseline + 50 ms \(Format.milliseconds((baseline.max + slowMargin).seconds)): "
                + verdict(latency.max <= baseline.max + slowMargin),
            "  cancelled on the standby: \(gated.cancellations): \(verdict(gated.cancellations == 0 && gated.reportError == nil))",
            "  done after the report's commit: \(Format.milliseconds(done.seconds)), target \(Format.milliseconds(doneTarget.seconds)): "
                + verdict(done <= doneTarget),
        ]
    }
}
