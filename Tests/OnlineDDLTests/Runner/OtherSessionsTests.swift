import Foundation
import Testing

/// onlineddl never cancels or terminates another session: none of its code sends
/// `pg_cancel_backend` or `pg_terminate_backend` (the lock simulator's documentation
/// mentions them, in comments). The integration test
/// `QueryRedactionTests.applyShowsNormalizedBlockersAndLeavesThemAlone` checks the same at
/// run time: a blocker outlives an apply that gives up.
@Suite("Runner: other sessions are never cancelled or terminated")
struct OtherSessionsTests {
    @Test func noSourceLineSendsACancelOrTerminate() throws {
        let sources = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 100)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let lowered = line.lowercased()
                guard lowered.contains("pg_cancel_backend") || lowered.contains("pg_terminate_backend") else { continue }
                #expect(line.trimmingCharacters(in: .whitespaces).hasPrefix("//"), "Sources/\(file):\(number + 1): \(line)")
            }
        }
    }
}
