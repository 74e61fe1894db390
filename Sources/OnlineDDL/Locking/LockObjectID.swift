/// A lockable object (a relation, or any other lock tag) interned by a ``LockSimulator``.
///
/// An ID is meaningful only to the simulator that issued it and to copies made after that.
public struct LockObjectID: Hashable, Sendable {
    /// Position in the simulator's object table, which is first-seen order.
    let index: Int
}
