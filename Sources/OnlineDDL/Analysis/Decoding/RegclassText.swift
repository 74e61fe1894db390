import OnlineDDLParsing
import OnlineDDLSupport

/// The relation a `regclass` constant names, such as the `'public.orders_id_seq'` of
/// `nextval('public.orders_id_seq')`.
///
/// Mirrors `regclassin` → `stringToQualifiedNameList` → `SplitIdentifierString` (varlena.c):
/// names separated by `.`, whitespace around them ignored, a double-quoted name kept as
/// written (`""` is one quote), an unquoted one folded to lower case
/// (`downcase_truncate_identifier`). A numeric OID or malformed text names no relation.
enum RegclassText {
    /// The relation `text` names, or `nil` when it is an OID or not a valid name list.
    static func relation(_ text: String) -> RelationName? {
        guard let parts = split(text), !parts.isEmpty, parts.count <= 3 else { return nil }
        if parts.count == 1, parts[0].quoted == false, parts[0].name.allSatisfy(\.isASCIIDigit) { return nil }
        return ParseNode.relationName(fromQualifiedName: parts.map(\.name))
    }

    private struct Part {
        let name: String
        let quoted: Bool
    }

    /// `SplitIdentifierString(rawstring, '.', …)`.
    private static func split(_ text: String) -> [Part]? {
        var parts: [Part] = []
        var characters = Substring(text)
        while true {
            characters = characters.drop(while: \.isPostgresWhitespace)
            guard let first = characters.first else { return nil }
            if first == "\"" {
                var name = ""
                characters = characters.dropFirst()
                while true {
                    guard let next = characters.first else { return nil }
                    characters = characters.dropFirst()
                    if next == "\"" {
                        guard characters.first == "\"" else { break }
                        characters = characters.dropFirst()
                    }
                    name.append(next)
                }
                parts.append(Part(name: name, quoted: true))
            } else {
                let name = characters.prefix { $0 != "." && !$0.isPostgresWhitespace }
                guard !name.isEmpty else { return nil }
                characters = characters.dropFirst(name.count)
                parts.append(Part(name: String(name.lowercased()), quoted: false))
            }
            characters = characters.drop(while: \.isPostgresWhitespace)
            guard let separator = characters.first else { return parts }
            guard separator == "." else { return nil }
            characters = characters.dropFirst()
        }
    }
}

private extension Character {
    /// `scanner_isspace`: space, tab, newline, carriage return, form feed.
    var isPostgresWhitespace: Bool {
        self == " " || self == "\t" || self == "\n" || self == "\r" || self == "\u{0C}"
    }
}
