import OnlineDDLAnalysis

/// A caveat of an offline analysis, and what the catalog says about it.
public struct SettledCaveat: Hashable, Sendable, CustomStringConvertible {
    /// What the catalog says.
    public enum Verdict: Hashable, Sendable {
        /// The conservative assumption holds: the lock, scan or rewrite happens.
        case holds(String)
        /// The catalog overturns it: the statement does less than the analysis assumed.
        case overturned(String)
        /// The catalog as read cannot decide it.
        case unsettled(String)
    }

    /// The analysis's assumption.
    public let caveat: CatalogCaveat
    /// The catalog's answer, with the reason.
    public let verdict: Verdict

    /// Creates a settled caveat.
    public init(caveat: CatalogCaveat, verdict: Verdict) {
        self.caveat = caveat
        self.verdict = verdict
    }

    /// Whether the catalog overturned the assumption.
    public var isOverturned: Bool {
        if case .overturned = verdict { return true }
        return false
    }

    /// `"<caveat>: overturned (reason)"`.
    public var description: String {
        switch verdict {
        case .holds(let reason): "\(caveat): holds (\(reason))"
        case .overturned(let reason): "\(caveat): overturned (\(reason))"
        case .unsettled(let reason): "\(caveat): unsettled (\(reason))"
        }
    }
}
