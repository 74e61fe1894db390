import Foundation
import OnlineDDL
import Testing

/// A database migrated by another tool, in a schema of its own: the schema the tool's files
/// built (run with plain SQL, as the tool ran them), the tool's history table created with
/// the tool's own DDL and rows, a migration folder, and an onlineddl history table of its own.
/// The connection URL puts the schema first in `search_path`, so the tool's table is found
/// where the tool itself creates it (unqualified, in the current schema).
final class AdoptFixture {
    let folder: String
    let schema: String
    let history: HistoryTable
    let database: Connection

    init(_ files: [String: String]) throws {
        schema = TestDatabase.uniqueName("adopt")
        history = HistoryTable(schema: "onlineddl", name: TestDatabase.uniqueName("history"))
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("adopt-\(UUID())").path
        database = try TestDatabase.connect()
        try database.execute("CREATE SCHEMA \(schema); SET search_path = \(schema)")
        for (name, text) in files { try write(name, text) }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
        _ = try? database.execute("DROP SCHEMA IF EXISTS \(schema) CASCADE; DROP TABLE IF EXISTS \(history.description)")
    }

    /// Writes a file of the folder (`dir/up.sql` makes `dir`).
    func write(_ name: String, _ text: String) throws {
        let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func contents(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: folder).appendingPathComponent(name)))
    }

    /// The test server's URL with `search_path` set to the fixture's schema.
    func url() throws -> String {
        var components = try #require(URLComponents(string: TestDatabase.url()))
        components.percentEncodedQueryItems = (components.percentEncodedQueryItems ?? [])
            + [URLQueryItem(name: "options", value: "-csearch_path%3D\(schema)")]
        return try #require(components.string)
    }

    /// An onlineddl command on the fixture's folder, database and history table.
    func cli(_ command: String, _ arguments: [String] = []) throws -> CLI.Output {
        try CLI.run([command, folder, "--database-url", url(), "--history-table", history.description] + arguments)
    }

    /// onlineddl's history rows.
    func records() throws -> [String: HistoryRecord] {
        try history.records(on: database)
    }

    /// The columns of a table of the fixture's schema.
    func columns(_ table: String) throws -> [String] {
        try database.query(
            "SELECT attname FROM pg_attribute WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
            ["\(schema).\(table)"]
        ).rows.map { try $0.decode("attname") }
    }

    /// Every row of a table, as text, to check that adopt never writes the other tool's table.
    func snapshot(_ table: String) throws -> [String] {
        try database.query("SELECT t::text AS row FROM \(schema).\(table) t ORDER BY 1").rows.map { try $0.decode("row") }
    }

    /// adopt, then apply: returns both outputs after checking adopt left the tool's table
    /// alone and exited 0, that a second adopt records nothing, and that a connected plan
    /// then plans only the migrations adopt left pending.
    func adoptThenApply(_ adoptArguments: [String], toolTable: String) throws -> (adopt: CLI.Output, apply: CLI.Output) {
        let before = try snapshot(toolTable)
        let adopt = try cli("adopt", adoptArguments)
        #expect(adopt.status == 0, "\(adopt.combined)")
        #expect(try snapshot(toolTable) == before, "adopt never writes the other tool's table")
        let again = try cli("adopt", adoptArguments + ["--format", "json"])
        #expect(again.status == 0, "\(again.combined)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.standardOutput.utf8)) as? [String: Any])
        #expect((report["recorded"] as? [Any])?.isEmpty == true, "a second adopt records nothing: \(again.standardOutput)")
        let plan = try cli("plan", ["--format", "json"])
        #expect(plan.status == 0, "\(plan.combined)")
        let planned = try #require(try JSONSerialization.jsonObject(with: Data(plan.standardOutput.utf8)) as? [String: Any])
        let versions = (planned["migrations"] as? [[String: Any]])?.compactMap { $0["version"] as? String }
        #expect(versions == report["pending"] as? [String], "plan plans what adopt left pending: \(plan.standardOutput)")
        let apply = try cli("apply")
        #expect(apply.status == 0, "\(apply.combined)")
        return (adopt, apply)
    }
}
