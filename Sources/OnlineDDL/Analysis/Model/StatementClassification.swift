/// Whether the analyzer models a statement kind.
public enum StatementClassification: Hashable, Sendable {
    /// The statement's locks and data work are modelled.
    case classified
    /// The statement is not modelled (or cannot run on the target version); its lock list is
    /// empty and says nothing. The reason explains why.
    case unclassified(reason: String)
}
