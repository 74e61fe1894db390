import Foundation
import Testing

/// The library's targets and their direction, read from `Package.swift`, against the picture
/// in docs/development.md: the arrows listed there are exactly the transitive reduction of
/// the manifest's dependencies, and only the two fences link the C libraries.
@Suite("Package: one-way target dependencies, as docs/development.md draws them")
struct PackageGraphTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each target of the manifest and the names in its `dependencies:` list (targets and
    /// products alike). The manifest is this project's own file, written in one style.
    private static func manifestGraph() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var graph: [String: Set<String>] = [:]
        for declaration in declarations(in: manifest) {
            guard let name = quoted(after: "name:", in: declaration) else { continue }
            var dependencies: Set<String> = []
            if let list = declaration.range(of: "dependencies: [") {
                let rest = declaration[list.upperBound...]
                let end = closing(of: "[", "]", in: rest) ?? rest.endIndex
                // `.product(name: "ArgumentParser", package: "swift-argument-parser")` also
                // names its package: packages are not targets.
                dependencies = Set(quotedStrings(in: String(rest[..<end]))).subtracting(["swift-argument-parser"])
            }
            graph[name, default: []].formUnion(dependencies)
        }
        return graph
    }

    /// The text of every `.target(…)`, `.executableTarget(…)`, `.testTarget(…)` and
    /// `.systemLibrary(…)` call, up to its closing parenthesis.
    private static func declarations(in manifest: String) -> [Substring] {
        var found: [Substring] = []
        var rest = manifest[...]
        while let start = [".target(", ".executableTarget(", ".testTarget(", ".systemLibrary("]
            .compactMap({ rest.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            let body = rest[start.upperBound...]
            let end = closing(of: "(", ")", in: body) ?? body.endIndex
            found.append(body[..<end])
            rest = body[end...]
        }
        return found
    }

    /// Where the bracket that closes an already open `open` is, in `text`.
    private static func closing(of open: Character, _ close: Character, in text: Substring) -> Substring.Index? {
        var depth = 1
        for index in text.indices {
            if text[index] == open { depth += 1 }
            if text[index] == close {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    private static func quoted(after label: String, in text: Substring) -> String? {
        guard let range = text.range(of: label) else { return nil }
        return quotedStrings(in: String(text[range.upperBound...])).first
    }

    private static func quotedStrings(in text: String) -> [String] {
        text.components(separatedBy: "\"").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    }

    private static func reachable(from target: String, in graph: [String: Set<String>]) -> Set<String> {
        var seen: Set<String> = []
        var stack = Array(graph[target] ?? [])
        while let next = stack.popLast() {
            guard seen.insert(next).inserted else { continue }
            stack.append(contentsOf: graph[next] ?? [])
        }
        return seen
    }

    /// The arrows of the `text targets` block of docs/development.md.
    private static func documentedArrows() throws -> [String: Set<String>] {
        let document = try String(contentsOf: root.appendingPathComponent("docs/development.md"), encoding: .utf8)
        let block = try #require(document.components(separatedBy: "```text targets\n").dropFirst().first?
            .components(separatedBy: "```").first)
        var arrows: [String: Set<String>] = [:]
        for line in block.split(separator: "\n") {
            let parts = line.components(separatedBy: " -> ")
            try #require(parts.count == 2, "not an arrow line: \(line)")
            arrows[parts[0]] = Set(parts[1].components(separatedBy: ", "))
        }
        return arrows
    }

    @Test func theDocumentedArrowsAreThePackagesDependencies() throws {
        let graph = try Self.manifestGraph()
        let library = graph.keys.filter { $0.hasPrefix("OnlineDDL") && !$0.hasSuffix("Tests") }
        #expect(library.count >= 14)
        var reduced: [String: Set<String>] = [:]
        for target in library {
            let direct = graph[target] ?? []
            reduced[target] = direct.filter { dependency in
                !direct.contains { $0 != dependency && Self.reachable(from: $0, in: graph).contains(dependency) }
            }
        }
        let documented = try Self.documentedArrows()
        for target in library.sorted() where !(reduced[target] ?? []).isEmpty {
            #expect(documented[target] == reduced[target], "\(target): Package.swift has \(reduced[target]!.sorted())")
        }
        #expect(Set(documented.keys) == Set(reduced.filter { !$0.value.isEmpty }.keys))
    }

    @Test func noTargetDependsOnOneAboveIt() throws {
        let graph = try Self.manifestGraph()
        for target in graph.keys {
            #expect(!Self.reachable(from: target, in: graph).contains(target), "\(target) depends on itself through others")
        }
    }

    @Test func onlyTheFencesLinkTheCLibraries() throws {
        let graph = try Self.manifestGraph()
        #expect(graph.filter { $0.value.contains("CLibPQ") }.keys.sorted() == ["OnlineDDLPostgres"])
        #expect(graph.filter { $0.value.contains("CPgQuery") }.keys.sorted() == ["OnlineDDLParsing"])
    }
}
