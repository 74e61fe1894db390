import Dispatch

extension Array where Element: Sendable {
    /// The elements transformed, in order, with the transforms spread over the machine's
    /// cores: for independent, CPU-bound work on each element, such as parsing one file.
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return [T](unsafeUninitializedCapacity: count) { results, initialized in
            let slots = Slots(base: results.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: count) { [self] index in
                (slots.base + index).initialize(to: transform(self[index]))
            }
            initialized = count
        }
    }
}

/// The uninitialized result buffer of a concurrent map: each slot is written by exactly one
/// iteration, and read only after all of them ended.
private struct Slots<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
