import Foundation
import OnlineDDL

/// What the stall benchmarks share: database work that fails the benchmark with its error,
/// sleeping until an instant, and starting the migration tool of a run.
enum Bench {
    /// Runs database work, failing the benchmark with the error.
    @discardableResult
    static func database<T>(_ body: () throws(PostgresError) -> T) throws(BenchmarkError) -> T {
        do {
            return try body()
        } catch {
            throw BenchmarkError(error.description)
        }
    }

    static func connect(_ url: String) throws(BenchmarkError) -> Connection {
        try database { () throws(PostgresError) in try Connection(ConnectionString(url)) }
    }

    /// Sleeps until `deadline` (not at all once it passed).
    static func sleep(until deadline: ContinuousClock.Instant) {
        let remaining = deadline - ContinuousClock.now
        if remaining > .zero { Thread.sleep(forTimeInterval: remaining.seconds) }
    }

    /// Whether `schema.table` has `column` on `connection`.
    static func hasColumn(_ column: String, table: String, schema: String, on connection: Connection) throws(BenchmarkError) -> Bool {
        try database { () throws(PostgresError) in
            try connection.query(
                "SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = $3",
                [schema, table, column]
            ).rows[0].decode(0, as: Int.self) == 1
        }
    }

    /// The tool that applies a run's statement.
    enum Tool {
        /// `psql -X -q -v ON_ERROR_STOP=1 URL -c STATEMENT`, from `path`.
        case psql(path: String)
        /// `onlineddl apply DIR --format json` with the statement as DIR's one migration and
        /// `historyTable`, then `arguments`.
        case onlineddl(path: String, historyTable: String, arguments: [String])
    }

    /// Starts `tool` applying `statement` to `databaseURL` (onlineddl's migration folder
    /// written at `directory`).
    static func launch(_ tool: Tool, statement: String, databaseURL: String, directory: URL) throws(BenchmarkError) -> MigrationProcess {
        let executable: String
        let arguments: [String]
        switch tool {
        case .psql(let path):
            executable = path
            arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", databaseURL, "-c", statement]
        case .onlineddl(let path, let historyTable, let extra):
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try "\(statement);\n".write(to: directory.appendingPathComponent("0001_add_column.sql"), atomically: true, encoding: .utf8)
            } catch {
                throw BenchmarkError("could not write the migration: \(error)")
            }
            executable = path
            arguments = ["apply", directory.path, "--database-url", databaseURL, "--history-table", historyTable, "--format", "json"] + extra
        }
        do {
            return try MigrationProcess(executable: executable, arguments: arguments)
        } catch {
            throw BenchmarkError("could not start \(executable): \(error)")
        }
    }
}
