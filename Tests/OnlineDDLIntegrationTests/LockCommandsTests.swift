import Foundation
import OnlineDDL
import Testing

@Suite("Integration: onlineddl simulate and onlineddl locks")
struct LockCommandsTests {
    @Test func simulateFollowsTheJSONContract() throws {
        let input = #"{"steps":[{"session":"s1","lock":"t1","mode":"RowExclusiveLock"},{"session":"s2","lock":"t1","mode":"AccessShareLock"},{"session":"s1","lock":"t1","mode":"AccessExclusiveLock"},{"session":"s2","lock":"t1","mode":"AccessExclusiveLock"},{"session":"s1","release":true}]}"#
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID()).json")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let output = try CLI.run(["simulate", file.path, "--format", "json", "--pg-version", "15"])
        #expect(output.status == 0, "\(output.standardError)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        let states = try #require(json["states"] as? [[String: Any]])
        #expect(states.count == 5)
        func rows(_ index: Int) -> [String] {
            (states[index]["locks"] as? [[String: Any]] ?? []).map {
                "\($0["session"]!) \($0["relation"]!) \($0["mode"]!) \($0["granted"]! as! Bool)"
            }
        }
        #expect(rows(2) == ["s1 t1 RowExclusiveLock true", "s2 t1 AccessShareLock true", "s1 t1 AccessExclusiveLock false"])
        // s2 holds AccessShare that s1 waits for, and asks for a mode s1's RowExclusive blocks: 40P01 at once.
        #expect(states[3]["errors"] as? [String: String] == ["s2": "40P01"])
        #expect(rows(3) == ["s1 t1 RowExclusiveLock true", "s1 t1 AccessExclusiveLock true"])
        #expect(states[4]["errors"] as? [String: String] == [:])
        #expect(rows(4).isEmpty)
    }

    @Test func simulateTextAndStandardInput() throws {
        let output = try CLI.run(["simulate", "-"], standardInput: #"{"steps":[{"session":"a","lock":"orders","mode":"ShareLock"},{"session":"b","lock":"orders","mode":"RowExclusiveLock","nowait":true}]}"#)
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Step 2: b locks orders in ROW EXCLUSIVE mode NOWAIT"))
        #expect(output.standardOutput.contains("error: b 55P03 lock_not_available"))
    }

    @Test func simulateRejectsBadInputWithExitCode2() throws {
        for (input, message) in [
            (#"{"steps":[{"session":"s1","lock":"t1","mode":"Exclusive"}]}"#, "step 1: unknown lock mode \"Exclusive\""),
            (#"{"steps":[{"session":"s1"}]}"#, "step 1:"),
            (#"{"steps": ["#, "not a lock scenario"),
            (#"{"steps":[{"session":"s1","lock":"t","mode":"AccessExclusiveLock"},{"session":"s2","lock":"t","mode":"AccessShareLock"},{"session":"s2","release":true}]}"#, "step 3: session \"s2\" is waiting"),
        ] {
            let output = try CLI.run(["simulate"], standardInput: input)
            #expect(output.status == 2, "\(input)")
            #expect(output.standardError.contains(message), "\(output.standardError)")
        }
        let usage = try CLI.run(["simulate", "--pg-version", "9"], standardInput: "{}")
        #expect(usage.status == 2)
    }

    @Test func locksShowsTheClassicOutageAsASoftWait() throws {
        let outage = try ClassicOutage(holderSetup: "SET application_name = 'forgotten-console'")
        defer { outage.end() }
        let (table, t1, t2, t3) = (outage.table, outage.t1, outage.t2, outage.t3)
        let url = try TestDatabase.url()

        let text = try CLI.run(["locks", "--database-url", url, "--relation", table])
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("public.\(table) (relation): 1 holding, 2 waiting"))
        #expect(text.standardOutput.contains("holds   pid \(t1.pid), idle in transaction"))
        #expect(text.standardOutput.contains("app forgotten-console"))
        #expect(text.standardOutput.contains("waits #1  pid \(t2.pid)"))
        #expect(text.standardOutput.contains("blocked by pid \(t1.pid)"))
        #expect(text.standardOutput.contains("soft wait: queued behind pid \(t2.pid)"))

        let json = try CLI.run(["locks", "--database-url", url, "--format", "json"])
        #expect(json.status == 0)
        let report = try JSONDecoder().decode(LockQueueReport.self, from: Data(json.standardOutput.utf8))
        let object = try #require(report.objects.first { $0.name == "public.\(table)" })
        #expect(object.holders.map(\.session.pid) == [t1.pid])
        #expect(object.waiters.map(\.session.pid) == [t2.pid, t3.pid])
        #expect(object.waiters.map(\.blockedBy) == [[t1.pid], []])
        #expect(object.waiters.map(\.queuedBehind) == [[], [t2.pid]])
    }

    @Test func locksWithNothingWaiting() throws {
        let url = try TestDatabase.url()
        let output = try CLI.run(["locks", "--database-url", url, "--relation", "no_such_relation_here"])
        #expect(output.status == 0)
        #expect(output.standardOutput == "No session holds or awaits a lock on no_such_relation_here.\n")
    }
}
