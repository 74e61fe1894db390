import Foundation
import OnlineDDLSupport

/// Renders names as SQL identifiers, the way PostgreSQL's `quote_ident` does.
public enum SQLIdentifier {
    /// The name as an identifier: bare when it is lower-case letters, digits and underscores,
    /// does not start with a digit and is not a keyword other than an unreserved one;
    /// otherwise in double quotes, with inner double quotes doubled.
    public static func quoted(_ name: String) -> String {
        isSafeBare(name) ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `schema.name` with each part quoted as needed.
    public static func quoted(_ relation: RelationName) -> String {
        (relation.schema.map { quoted($0) + "." } ?? "") + quoted(relation.name)
    }

    /// `text` as a string literal, with inner single quotes doubled.
    public static func literal(_ text: String) -> String {
        // Most texts hold no quote: a byte scan is cheaper than Foundation's replacement.
        guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func isSafeBare(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || ("a"..."z").contains(first),
              name.unicodeScalars.allSatisfy({ $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) })
        else { return false }
        return bareWordCache.value(for: name) {
            guard case .success(let tokens) = SQLScanner.scan(name), tokens.count == 1 else { return false }
            return tokens[0].keywordKind == .notKeyword || tokens[0].keywordKind == .unreserved
        }
    }

    /// The scanner's verdicts so far: messages and safe alternatives quote the same few
    /// names again and again.
    private static let bareWordCache = Memo<String, Bool>()
}
