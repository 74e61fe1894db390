import Foundation
@testable import OnlineDDL

/// Real migration SQL to mutate: every file of `migrations-example/`, and each statement of
/// the ground-truth test (`Tests/OnlineDDLIntegrationTests/GroundTruthStatements.swift`)
/// as a one-statement file.
enum FuzzCorpus {
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every entry, as file contents.
    static let entries: [[UInt8]] = exampleFiles + groundTruthStatements.map { Array("\($0);\n".utf8) }

    private static let exampleFolder = packageRoot.appendingPathComponent("migrations-example")

    static let exampleFiles: [[UInt8]] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: exampleFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted().compactMap(exampleFile)
    }()

    /// One file of `migrations-example/`.
    static func exampleFile(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: exampleFolder.appendingPathComponent(name).path).map(Array.init)
    }

    /// The ground-truth statements: each line of that Swift file that is one string
    /// literal without escapes (`"ALTER TABLE …",`).
    static let groundTruthStatements: [String] = {
        let source = packageRoot.appendingPathComponent("Tests/OnlineDDLIntegrationTests/GroundTruthStatements.swift")
        let text = (try? String(contentsOf: source, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            var literal = line.trimmingCharacters(in: .whitespaces)
            if literal.hasSuffix(",") { literal.removeLast() }
            guard literal.count >= 2, literal.hasPrefix("\""), literal.hasSuffix("\""), !literal.contains("\\") else { return nil }
            let body = literal.dropFirst().dropLast()
            return body.contains("\"") ? nil : String(body)
        }
    }()
}
