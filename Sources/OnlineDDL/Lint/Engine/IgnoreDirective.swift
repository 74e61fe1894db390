import OnlineDDLParsing

/// A comment that switches rules off: `-- onlineddl:ignore RULE-ID[, RULE-ID…]` for the
/// statement it is on or directly above, `-- onlineddl:ignore-file RULE-ID…` for the whole
/// file. `all` stands for every rule. Words after a `--` inside the comment are a free
/// explanation (`-- onlineddl:ignore drop-in-use -- unused since v42`). Block comments work too.
struct IgnoreDirective: Sendable {
    /// What the directive covers.
    enum Scope: Sendable {
        /// The statement the comment is on, or the statement right below it.
        case statement
        /// Every statement of the file.
        case file
    }

    static let statementKeyword = "onlineddl:ignore"
    static let fileKeyword = "onlineddl:ignore-file"
    static let allRules = "all"

    let scope: Scope
    /// The built-in rules named, in the order written.
    let ruleIDs: [RuleID]
    /// The names, lower-cased and in the order written, that are neither `all` nor a built-in
    /// rule's id.
    let unknownRuleNames: [String]
    /// Whether `all` was written.
    let ignoresAll: Bool
    /// The comment the directive is written in.
    let comment: SQLComment

    /// Reads a comment; `nil` unless it starts with `onlineddl:ignore` or `onlineddl:ignore-file`.
    init?(comment: SQLComment) {
        // Most comments are prose: skip splitting them into words.
        guard Self.mentions(Self.statementKeyword, in: comment.text) else { return nil }
        let words = comment.body.split(whereSeparator: \.isWhitespace).map(String.init)
        let scope: Scope
        switch words.first {
        case Self.statementKeyword: scope = .statement
        case Self.fileKeyword: scope = .file
        default: return nil
        }
        let names = words.dropFirst()
            .prefix { $0 != "--" }
            .flatMap { $0.split(separator: ",") }
            .map { $0.lowercased() }
        self.scope = scope
        let ruleNames = names.filter { $0 != Self.allRules }
        self.ruleIDs = ruleNames.compactMap(Linter.builtInRule(named:))
        self.unknownRuleNames = ruleNames.filter { Linter.builtInRule(named: $0) == nil }
        self.ignoresAll = names.contains(Self.allRules)
        self.comment = comment
    }

    /// Whether the directive switches off a rule.
    func covers(_ ruleID: RuleID) -> Bool {
        ignoresAll || ruleIDs.contains(ruleID)
    }

    /// Whether `text` contains `keyword`, compared byte by byte.
    private static func mentions(_ keyword: String, in text: String) -> Bool {
        let haystack = Array(text.utf8)
        let needle = Array(keyword.utf8)
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start] == first && haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
