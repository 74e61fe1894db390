import OnlineDDLMigrations
import OnlineDDLPostgres

/// Flyway's `flyway_schema_history (installed_rank, version, description, type, script,
/// checksum, installed_by, installed_on, execution_time, success)`, read in
/// `installed_rank` order as Flyway does:
/// - `SQL` and other versioned rows apply their version (`checksum` the CRC-32 of
///   ``ForeignChecksum/flywayChecksum(_:)`` for `SQL` rows);
/// - `BASELINE` (`flyway baseline`) and `SQL_BASELINE` (a `B…` script) stand for every
///   version up to theirs;
/// - `DELETE` (`flyway repair` of a missing migration) and `UNDO_…` rows take their version back;
/// - `SCHEMA` rows and rows without a version (repeatable migrations) apply no version;
/// - `success = false` is a failed migration.
enum FlywayHistory {
    struct Row: Sendable, Equatable {
        let installedRank: Int
        let version: String?
        let type: String
        let script: String
        let checksum: Int32?
        /// `installed_on`, in UTC.
        let installedOn: String?
        let success: Bool
    }

    static func history(_ rows: [Row]) -> ForeignHistory {
        var history = ForeignHistory(source: .flyway)
        var applied: [(canonical: String, migration: ForeignMigration)] = []
        for row in rows.sorted(by: { $0.installedRank < $1.installedRank }) {
            guard let version = row.version, row.type != "SCHEMA" else { continue }
            let label = "installed_rank \(row.installedRank) (version \(version), \(row.script))"
            let canonical = MigrationFile.canonical(version)
            guard row.success else {
                history.problems.append(.failed(.flyway, row: label, version: version))
                continue
            }
            switch row.type {
            case "BASELINE", "SQL_BASELINE":
                history.appliedThrough = ForeignBaseline(version: version, row: label, requiresFile: false)
            case let type where type == "DELETE" || type.hasPrefix("UNDO_"):
                applied.removeAll { $0.canonical == canonical }
            default:
                applied.removeAll { $0.canonical == canonical }
                let checksum = row.type == "SQL" ? row.checksum.map(ForeignChecksum.flywayCRC32) : nil
                applied.append((canonical, ForeignMigration(version: version, row: label, appliedAt: row.installedOn, checksum: checksum)))
            }
        }
        history.applied = applied.map(\.migration)
        return history
    }
}
