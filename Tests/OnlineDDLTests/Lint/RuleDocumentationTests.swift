import Foundation
import Testing
@testable import OnlineDDLLint
@testable import OnlineDDLPlanning

@Suite("Lint: documentation pages")
struct RuleDocumentationTests {
    /// `docs/rules` in the package, found from this file's path.
    private static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/rules")

    private static func page(_ name: String) throws -> String {
        try String(contentsOf: rulesDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func everyRuleHasAPageAndEveryPageARule() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.rulesDirectory.path)
            .filter { $0.hasSuffix(".md") && $0 != "README.md" }
        let ids = Linter.builtInRules.map(\.id) + UnusableFileRule.allCases.map(\.id)
        #expect(Set(pages) == Set(ids.map { "\($0).md" }))
        #expect(Set(ids).count == ids.count, "a rule id is used twice")
    }

    /// The findings of files that cannot be planned are documented like rules, and say that
    /// nothing switches them off.
    @Test func eachUnusableFilePageStatesItsSeverityAndThatOnlyAFixHelps() throws {
        let index = try Self.page("README.md")
        for rule in UnusableFileRule.allCases {
            let text = try Self.page("\(rule.id).md")
            #expect(text.hasPrefix("# \(rule.id)\n"), "\(rule.id)")
            #expect(text.contains("Default severity: **\(rule.severity)**"), "\(rule.id)")
            for section in ["## Problem", "## Why", "## Fix", "## Suppress", "## Versions"] {
                #expect(text.contains(section), "\(rule.id) lacks \(section)")
            }
            #expect(index.contains("| [`\(rule.id)`](\(rule.id).md) | \(rule.severity) | \(rule.summary) |"), "\(rule.id)")
        }
    }

    @Test func eachPageStatesItsRuleAndSeverityAndHowToSuppressIt() throws {
        for rule in Linter.builtInRules {
            let text = try Self.page("\(rule.id).md")
            #expect(text.hasPrefix("# \(rule.id)\n"), "\(rule.id)")
            #expect(text.contains("Default severity: **\(rule.severity)**"), "\(rule.id)")
            #expect(text.contains("-- onlineddl:ignore \(rule.id)"), "\(rule.id)")
            for section in ["## Problem", "## Why", "## Safe alternative", "## Suppress", "## Versions"] {
                #expect(text.contains(section), "\(rule.id) lacks \(section)")
            }
        }
    }

    @Test func theIndexListsEveryRuleWithItsSeverityAndSummary() throws {
        let index = try Self.page("README.md")
        for rule in Linter.builtInRules {
            #expect(index.contains("| [`\(rule.id)`](\(rule.id).md) | \(rule.severity) | \(rule.summary) |"), "\(rule.id)")
        }
    }
}
