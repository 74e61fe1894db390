/// The result of ``LockSimulator/acquire(_:on:mode:noWait:)``, the allocation-free request path.
public enum LockAcquireStatus: Sendable, Equatable {
    /// The session now holds the mode (or already held it).
    case granted
    /// The session joined the object's wait queue and sleeps until a wakeup grants it.
    case waiting
    /// The insertion rule found a deadlock at once: ERROR 40P01 without sleeping.
    /// Lock state is unchanged; the caller decides how the transaction aborts.
    case deadlock
    /// A NOWAIT request could not be granted at once: ERROR 55P03. Lock state is unchanged.
    case notAvailable
}
