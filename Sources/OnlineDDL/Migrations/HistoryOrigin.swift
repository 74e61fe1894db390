/// How a row of onlineddl's history came to be when onlineddl did not run the file itself:
/// taken over from another tool's history (`onlineddl adopt`), or recorded as already in
/// the database (`onlineddl baseline`). Stored in the history table's `origin` column
/// (NULL: applied by onlineddl).
public enum HistoryOrigin: Sendable, Equatable, Codable, CustomStringConvertible {
    case adopted(AdoptionSource)
    case baseline

    /// The column's text: `adopted:golang-migrate`, `baseline`. Also the JSON value.
    public var stored: String {
        switch self {
        case .adopted(let source): "adopted:\(source.rawValue)"
        case .baseline: "baseline"
        }
    }

    /// nil for a value this version does not know (written by a newer onlineddl).
    public init?(stored: String) {
        if stored == "baseline" {
            self = .baseline
        } else if stored.hasPrefix("adopted:"), let source = AdoptionSource(rawValue: String(stored.dropFirst("adopted:".count))) {
            self = .adopted(source)
        } else {
            return nil
        }
    }

    /// `adopted from golang-migrate`, `baselined`.
    public var description: String {
        switch self {
        case .adopted(let source): "adopted from \(source)"
        case .baseline: "baselined"
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let origin = HistoryOrigin(stored: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown origin \(text)"))
        }
        self = origin
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stored)
    }
}
