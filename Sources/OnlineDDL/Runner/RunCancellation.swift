import Foundation
import OnlineDDLPostgres

/// How a signal reaches a running migration: it cancels the statement in flight (with
/// libpq's cancel request) and wakes any sleep, and the runner then rolls back and stops.
///
/// `trigger(signal:)` may be called from any thread, such as a signal-handling queue.
public final class RunCancellation: @unchecked Sendable {
    private let lock = NSLock()
    private var receivedSignal: Int32?
    private var canceller: QueryCanceller?
    private let wakeUp = DispatchSemaphore(value: 0)

    public init() {}

    /// The signal that stopped the run, if any.
    public var signal: Int32? {
        lock.withLock { receivedSignal }
    }

    /// Stops the run: cancels the statement in flight and wakes the runner if it sleeps.
    public func trigger(signal: Int32) {
        let inFlight = lock.withLock {
            receivedSignal = signal
            return canceller
        }
        try? inFlight?.cancel()
        wakeUp.signal()
    }

    /// Runs `body` (a statement on the connection `canceller` belongs to) so that a signal
    /// cancels it.
    func cancellable<T>(_ canceller: QueryCanceller, _ body: () throws(PostgresError) -> T) throws(PostgresError) -> T {
        lock.withLock { self.canceller = canceller }
        defer { lock.withLock { self.canceller = nil } }
        return try body()
    }

    /// Sleeps for `duration` unless a signal comes first.
    func sleep(_ duration: Duration) {
        guard signal == nil else { return }
        let nanoseconds = max(0, duration.wholeMilliseconds) * 1_000_000
        _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
        if signal != nil { wakeUp.signal() }
    }
}
