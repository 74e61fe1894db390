/// The application statements sent within a measurement window: latency percentiles
/// (nearest rank), the slowest, how many took over 50 ms, and how many failed.
struct LatencySummary {
    static let slowThreshold: Duration = .milliseconds(50)

    let statements: Int
    let p50: Duration
    let p99: Duration
    let max: Duration
    /// When the slowest statement was sent.
    let slowestSentAt: ContinuousClock.Instant?
    let slow: Int
    let errors: Int
    /// The first error message, to show what went wrong.
    let firstError: String?

    init(_ samples: [StatementSample], sentIn window: Range<ContinuousClock.Instant>) {
        let measured = samples.filter { window.contains($0.start) }
        let latencies = measured.map(\.latency).sorted()
        slowestSentAt = measured.max { $0.latency < $1.latency }?.start
        func percentile(_ fraction: Double) -> Duration {
            guard !latencies.isEmpty else { return .zero }
            let rank = Int((fraction * Double(latencies.count)).rounded(.up))
            return latencies[Swift.max(rank, 1) - 1]
        }
        statements = measured.count
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        max = latencies.last ?? .zero
        slow = latencies.filter { $0 > Self.slowThreshold }.count
        let failures = measured.compactMap(\.error)
        errors = failures.count
        firstError = failures.first
    }
}
