import Testing

/// Groups the lock simulator suites so that `swift test --filter LockingTests` runs them all.
@Suite("Locking")
struct LockingTests {}
