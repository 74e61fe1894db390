import OnlineDDLAnalysis

extension DataWork.Kind: Codable, CustomStringConvertible {
    /// `none`, `scan` or `rewrite`, as the plan JSON writes it.
    public var description: String {
        switch self {
        case .none: "none"
        case .scan: "scan"
        case .rewrite: "rewrite"
        }
    }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = [DataWork.Kind.none, .scan, .rewrite].first(where: { $0.description == name }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown data work \(name)"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension StatementClassification {
    /// Why the statement could not be classified, or nil when it was.
    public var unclassifiedReason: String? {
        if case .unclassified(let reason) = self { return reason }
        return nil
    }
}
