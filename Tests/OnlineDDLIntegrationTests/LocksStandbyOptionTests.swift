import Foundation
import OnlineDDL
import Testing

/// `locks --standby`: the primary's queues and each standby's, read on the real standby.
@Suite("Integration: locks --standby", .serialized)
struct LocksStandbyOptionTests {
    @Test func aStandbysHolderIsShownBesideThePrimarysQueues() throws {
        let fixture = try ApplyFixture([:], prefix: "locks_standby")
        let standby = try TestStandby()
        try fixture.observer.execute("CREATE TABLE \(fixture.table) (id int)")
        try standby.catchUp(with: fixture.observer)
        let standbyURL = try TestDatabase.standbyURL()
        let report = try SessionWorker(url: standbyURL, label: "standby-report")
        try report.run("SET application_name = 'report'; BEGIN; SELECT count(*) FROM \(fixture.table)")
        defer { _ = try? report.run("COMMIT") }
        let base = ["locks", "--database-url", try TestDatabase.url(), "--relation", "public.\(fixture.table)", "--standby", standbyURL]

        let json = try CLI.run(base + ["--format", "json"])
        #expect(json.status == 0, "\(json.combined)")
        let output = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((output["objects"] as? [Any])?.isEmpty == true, "nobody locks the table on the primary: \(output)")
        let standbys = try #require(output["standbys"] as? [[String: Any]])
        #expect(standbys.count == 1)
        let objects = try #require((standbys[0]["report"] as? [String: Any])?["objects"] as? [[String: Any]])
        let holders = objects.flatMap { ($0["holders"] as? [[String: Any]]) ?? [] }
        #expect(holders.contains { ($0["session"] as? [String: Any])?["pid"] as? Int == Int(report.pid) }, "\(objects)")

        let text = try CLI.run(base)
        #expect(text.standardOutput.contains("standby "), "\(text.standardOutput)")
        #expect(text.standardOutput.contains("pid \(report.pid)"), "\(text.standardOutput)")
        let plain = try CLI.run(["locks", "--database-url", try TestDatabase.url(), "--format", "json"])
        #expect(!plain.standardOutput.contains("\"standbys\""), "the key only comes with the flag")

        let gone = try CLI.run(["locks", "--database-url", try TestDatabase.url(), "--standby",
                                "postgresql://u:secret-standby-password@127.0.0.1:1/postgres?connect_timeout=2"])
        #expect(gone.status == 1 && !gone.combined.contains("secret-standby-password"), "\(gone.combined)")
    }
}
