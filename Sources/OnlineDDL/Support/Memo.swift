import Foundation

/// Results of a pure function, remembered by argument; safe to share between threads.
package final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    package init() {}

    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    /// The remembered value for `key`, or `compute()`'s, which is then remembered.
    package func value(for key: Key, _ compute: () -> Value) -> Value {
        if let known = lock.withLock({ values[key] }) { return known }
        let value = compute()
        lock.withLock { values[key] = value }
        return value
    }
}
