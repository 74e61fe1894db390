import Foundation
import OnlineDDL
import Testing

/// A session idle in transaction whose last query wrote a card number: with
/// `--redact-queries`, apply, plan and locks show that query normalized (`$1`), never the
/// number; and apply, giving up behind it, leaves the session and its transaction alone.
@Suite("Integration: --redact-queries keeps data values out of apply, plan and locks", .serialized)
struct QueryRedactionTests {
    static let card = "4111-1111-1111-1111"

    /// The fixture (its migration adds a column), and the blocker holding its table.
    private func cardHolder() throws -> (ApplyFixture, SessionWorker) {
        let fixture = try ApplyFixture(["0001_note.sql": "ALTER TABLE {t} ADD COLUMN note text;\n"], prefix: "cards")
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int, card text); INSERT INTO \(fixture.table) VALUES (1, NULL)")
        let blocker = try SessionWorker(url: TestDatabase.url(), label: "card-holder")
        try blocker.run("SET application_name = 'card-console'")
        try blocker.run("BEGIN")
        try blocker.run("UPDATE \(fixture.table) SET card = '\(Self.card)' WHERE id = 1")
        ApplyFixture.letIdleSessionBeForgotten()
        return (fixture, blocker)
    }

    private func normalizedUpdate(_ fixture: ApplyFixture) -> String {
        "UPDATE \(fixture.table) SET card = $1 WHERE id = $2"
    }

    @Test func locksShowsNormalizedQueries() throws {
        let (fixture, blocker) = try cardHolder()
        defer { _ = try? blocker.run("ROLLBACK") }
        let arguments = ["locks", "--database-url", try TestDatabase.url(), "--relation", fixture.table]
        let plain = try CLI.run(arguments)
        #expect(plain.standardOutput.contains(Self.card), "without --redact-queries the query is shown as is: \(plain.combined)")

        let text = try CLI.run(arguments + ["--redact-queries"])
        #expect(text.status == 0, "\(text.combined)")
        #expect(text.standardOutput.contains("query: \(normalizedUpdate(fixture))"), "\(text.standardOutput)")
        #expect(!text.combined.contains(Self.card))
        let json = try CLI.run(arguments + ["--redact-queries", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.standardOutput.contains(normalizedUpdate(fixture)), "\(json.standardOutput)")
        #expect(!json.combined.contains(Self.card))
    }

    @Test func planShowsNormalizedBlockers() throws {
        let (fixture, blocker) = try cardHolder()
        defer { _ = try? blocker.run("ROLLBACK") }
        let arguments = ["plan", fixture.folder, "--database-url", try TestDatabase.url(),
                         "--history-table", fixture.history.description, "--redact-queries"]
        for format in ["text", "json"] {
            let output = try CLI.run(arguments + ["--format", format])
            #expect(output.status == 0, "\(output.combined)")
            #expect(output.standardOutput.contains(normalizedUpdate(fixture)), "\(format): \(output.standardOutput)")
            #expect(!output.combined.contains(Self.card), "\(format)")
        }
    }

    /// apply gives up behind the blocker (at the gate, and after lock timeouts without the
    /// gate), shows its query normalized, and never cancels or terminates it: the blocker's
    /// transaction is still open afterwards and commits its update.
    @Test func applyShowsNormalizedBlockersAndLeavesThemAlone() throws {
        let (fixture, blocker) = try cardHolder()
        defer { _ = try? blocker.run("ROLLBACK") }
        let gated = try fixture.applyCLI(["--redact-queries", "--max-wait", "1s"])
        #expect(gated.status == 3, "\(gated.combined)")
        #expect(gated.standardOutput.contains("pid \(blocker.pid) (card-console, idle in transaction"), "\(gated.standardOutput)")
        #expect(gated.standardOutput.contains(normalizedUpdate(fixture)), "\(gated.standardOutput)")

        let json = try fixture.applyCLI(["--redact-queries", "--max-wait", "1s", "--format", "json"])
        #expect(json.status == 3)
        let events = json.standardOutput.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let waiting = try #require(events.first { $0["event"] as? String == "waiting" })
        let blockers = try #require(waiting["blockers"] as? [[String: Any]])
        #expect(blockers.first?["query"] as? String == normalizedUpdate(fixture))

        let timedOut = try fixture.applyCLI(["--redact-queries", "--no-predict", "--lock-timeout", "200ms", "--max-wait", "1s"])
        #expect(timedOut.status == 3, "\(timedOut.combined)")
        for output in [gated, json, timedOut] {
            #expect(!output.combined.contains(Self.card))
        }

        #expect(try fixture.observer.query(
            "SELECT state FROM pg_stat_activity WHERE pid = $1", [blocker.pid]
        ).rows.first?.decode("state", as: String.self) == "idle in transaction")
        try blocker.run("COMMIT")
        #expect(try fixture.observer.query("SELECT card FROM \(fixture.table)").rows[0].decode("card", as: String.self) == Self.card)
        #expect(try fixture.columns() == ["id", "card"], "nothing was applied")
    }
}
