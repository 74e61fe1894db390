/// Exponential backoff with full jitter: before retry n (1, 2, …) the runner sleeps a
/// random time between zero and `min(maximum, initial × 2^(n-1))`, so several runners (or
/// a runner and the application's own retries) do not stay in step.
public struct RetryPolicy: Sendable, Equatable {
    public var initial: Duration = .milliseconds(200)
    public var maximum: Duration = .seconds(30)

    public init(initial: Duration = .milliseconds(200), maximum: Duration = .seconds(30)) {
        self.initial = initial
        self.maximum = maximum
    }

    /// The longest sleep before retry `retry` (1 for the first retry).
    public func ceiling(beforeRetry retry: Int) -> Duration {
        let exponent = min(max(retry - 1, 0), 40)
        let grown = initial.wholeMilliseconds.multipliedReportingOverflow(by: Int64(1) << exponent)
        let milliseconds = grown.overflow ? maximum.wholeMilliseconds : min(grown.partialValue, maximum.wholeMilliseconds)
        return .milliseconds(milliseconds)
    }

    /// A sleep drawn uniformly from zero to the ceiling.
    public func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = ceiling(beforeRetry: retry).wholeMilliseconds
        return .milliseconds(ceiling == 0 ? 0 : Int64.random(in: 0...ceiling, using: &generator))
    }
}
