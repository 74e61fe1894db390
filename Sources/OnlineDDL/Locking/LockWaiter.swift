/// One entry of an object's wait queue.
public struct LockWaiter: Sendable, Equatable {
    /// The sleeping session.
    public let session: String
    /// The mode it waits for.
    public let mode: LockMode

    /// Creates a queue entry.
    public init(session: String, mode: LockMode) {
        self.session = session
        self.mode = mode
    }
}
