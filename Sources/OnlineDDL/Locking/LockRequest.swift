/// A pending lock request: what a waiting session sleeps on.
public struct LockRequest: Sendable, Equatable {
    /// The object requested.
    public let object: String
    /// The mode requested.
    public let mode: LockMode

    /// Creates a request description.
    public init(object: String, mode: LockMode) {
        self.object = object
        self.mode = mode
    }
}
