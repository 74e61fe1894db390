/// A session interned by a ``LockSimulator``: a dense index that is cheap to pass on hot paths.
///
/// An ID is meaningful only to the simulator that issued it and to copies made after that.
public struct LockSessionID: Hashable, Sendable {
    /// Position in the simulator's session table, which is first-seen order.
    let index: Int
}
