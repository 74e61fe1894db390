import Testing
@testable import OnlineDDLRunner
@testable import OnlineDDLSupport
import SeededRandom

@Suite("Runner: retry backoff")
struct RetryPolicyTests {
    @Test func ceilingsDoubleFromTheInitialAndStopAtTheMaximum() {
        let policy = RetryPolicy()
        let ceilings = (1...11).map { policy.ceiling(beforeRetry: $0).wholeMilliseconds }
        #expect(ceilings == [200, 400, 800, 1_600, 3_200, 6_400, 12_800, 25_600, 30_000, 30_000, 30_000])
    }

    @Test func customPolicyDoublesFromItsOwnInitial() {
        let policy = RetryPolicy(initial: .milliseconds(50), maximum: .seconds(1))
        #expect((1...6).map { policy.ceiling(beforeRetry: $0) } == [
            .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(400), .milliseconds(800), .seconds(1),
        ])
    }

    @Test func lateRetriesDoNotOverflow() {
        #expect(RetryPolicy().ceiling(beforeRetry: 1_000) == .seconds(30))
        #expect(RetryPolicy().ceiling(beforeRetry: Int.max) == .seconds(30))
        // 10^12 s in milliseconds times 2^40 is beyond Int64.
        let huge = RetryPolicy(initial: .seconds(1_000_000_000_000), maximum: .seconds(2_000_000_000_000))
        #expect(huge.ceiling(beforeRetry: 1) == .seconds(1_000_000_000_000))
        #expect(huge.ceiling(beforeRetry: 2) == .seconds(2_000_000_000_000))
        #expect(huge.ceiling(beforeRetry: 1_000) == .seconds(2_000_000_000_000))
    }

    @Test func initialAboveTheMaximumIsCapped() {
        #expect(RetryPolicy(initial: .seconds(5), maximum: .seconds(2)).ceiling(beforeRetry: 1) == .seconds(2))
    }

    @Test func delaysStayBetweenZeroAndTheCeilingAndVary() {
        let policy = RetryPolicy()
        var generator = SplitMix64(seed: 42)
        for retry in [1, 2, 5, 9, 1_000] {
            let ceiling = policy.ceiling(beforeRetry: retry)
            let delays = (0..<200).map { _ in policy.delay(beforeRetry: retry, using: &generator) }
            #expect(delays.allSatisfy { $0 >= .zero && $0 <= ceiling }, "retry \(retry)")
            #expect(Set(delays.map(\.wholeMilliseconds)).count > 50, "retry \(retry): jitter")
            // Full jitter: both halves of the range are drawn.
            #expect(delays.contains { $0 < ceiling / 2 } && delays.contains { $0 > ceiling / 2 }, "retry \(retry)")
        }
    }

    @Test func sameSeedSameDelays() {
        var first = SplitMix64(seed: 7)
        var second = SplitMix64(seed: 7)
        let policy = RetryPolicy()
        #expect((1...10).map { policy.delay(beforeRetry: $0, using: &first) }
            == (1...10).map { policy.delay(beforeRetry: $0, using: &second) })
    }

    /// `--retry-initial 0` retries at once, every time: zero doubled stays zero.
    @Test func zeroInitialOrMaximumMeansNoSleep() {
        var generator = SplitMix64(seed: 1)
        for policy in [RetryPolicy(initial: .zero, maximum: .seconds(30)), RetryPolicy(initial: .zero, maximum: .zero)] {
            #expect((1...20).map { policy.ceiling(beforeRetry: $0) } == Array(repeating: .zero, count: 20))
            #expect(policy.delay(beforeRetry: 20, using: &generator) == .zero)
        }
    }
}
