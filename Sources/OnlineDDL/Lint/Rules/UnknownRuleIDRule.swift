/// An ignore comment that names no rule, or a rule that does not exist: a typo there would
/// otherwise silently switch nothing off.
struct UnknownRuleIDRule: LintRule {
    let id = RuleID.unknownRuleId
    let severity = Severity.warning
    let summary = "an onlineddl:ignore comment names a rule that does not exist, so it switches nothing off"

    func check(_ context: LintContext) -> [Finding] {
        context.suppressions.placements.compactMap { placement in
            let directive = placement.directive
            let unknown = directive.unknownRuleNames
            let problem: String
            if !unknown.isEmpty {
                problem = "names no rule onlineddl knows: \(unknown.joined(separator: ", "))"
            } else if directive.ruleIDs.isEmpty, !directive.ignoresAll {
                problem = "names no rule"
            } else {
                return nil
            }
            return Finding(
                ruleID: id, severity: severity,
                message: "the comment \(directive.comment.text) \(problem), so it switches nothing off; "
                    + "the rule ids are listed in docs/rules/README.md",
                file: context.script.file, location: directive.comment.location,
                statementIndex: placement.statementIndices.first, safeAlternative: nil)
        }
    }
}
