import OnlineDDLMigrations
import OnlineDDLSupport

/// Where each migration of a folder stands against the history table: applied, pending,
/// partly applied (a file of several units cut off), changed since applied, or
/// recorded without a file.
public struct MigrationStatus: Sendable, Encodable {
    public enum State: String, Sendable, Encodable {
        case applied
        case pending
        /// Some units of a file committed; the next run resumes at the first one that did not.
        case partial
        /// Applied, but the file's checksum differs from the recorded one.
        case changed
        /// Recorded in the history, but no file has this version.
        case missingFile = "missing_file"
    }

    public struct Entry: Sendable, Encodable {
        public let version: String
        public let name: String
        public let file: String?
        public let state: State
        public let record: HistoryRecord?
    }

    public let historyTable: String
    public let entries: [Entry]

    /// Compares the files with the history records.
    public init(migrations: [MigrationFile], records: [String: HistoryRecord], historyTable: HistoryTable) {
        var entries: [Entry] = []
        for file in migrations {
            let record = records[file.canonicalVersion]
            let state: State
            switch record {
            case nil: state = .pending
            case let record? where record.checksum != SHA256.hexDigest(file.contents): state = .changed
            case let record? where !record.isComplete: state = .partial
            default: state = .applied
            }
            entries.append(Entry(version: file.version, name: file.name, file: file.path, state: state, record: record))
        }
        let versions = Set(migrations.map(\.canonicalVersion))
        for record in records.values.sorted(by: { MigrationFile.numericOrder($0.version, $1.version) })
        where !versions.contains(record.version) {
            entries.append(Entry(version: record.version, name: record.name, file: nil, state: .missingFile, record: record))
        }
        self.historyTable = historyTable.description
        self.entries = entries
    }

    /// How many entries are in `state`.
    public func count(_ state: State) -> Int { entries.filter { $0.state == state }.count }

    /// Applied (or partly applied) migrations whose file changed.
    static func changed(_ migrations: [PreparedMigration], records: [String: HistoryRecord]) -> [ChangedMigration] {
        migrations.compactMap { migration in
            guard let record = records[migration.file.canonicalVersion], record.checksum != migration.checksum else { return nil }
            return ChangedMigration(
                version: migration.file.version, file: migration.file.path, recorded: record.checksum, current: migration.checksum)
        }
    }

    enum CodingKeys: String, CodingKey {
        case historyTable = "history_table"
        case entries = "migrations"
    }
}
