import OnlineDDLPostgres

/// goose's `goose_db_version (id, version_id bigint, is_applied boolean, tstamp timestamp
/// default now())`: a row per up and (in older goose) per down. As goose's
/// `EnsureDBVersion` reads it, the latest row (highest id) of each version decides:
/// `is_applied = false` means rolled back, so not applied. Version 0 is the row goose writes
/// when it creates the table, not a migration.
enum GooseHistory {
    struct Row: Sendable, Equatable {
        let id: Int64
        let versionID: String
        let isApplied: Bool
        /// `tstamp`, in UTC.
        let appliedAt: String?
    }

    static func history(_ rows: [Row]) -> ForeignHistory {
        var latest: [String: Row] = [:]
        for row in rows where row.versionID != "0" {
            if let seen = latest[row.versionID], seen.id > row.id { continue }
            latest[row.versionID] = row
        }
        var history = ForeignHistory(source: .goose)
        history.applied = latest.values.filter(\.isApplied).sorted { $0.id < $1.id }.map { row in
            ForeignMigration(version: row.versionID, row: "version_id \(row.versionID) (id \(row.id))", appliedAt: row.appliedAt)
        }
        return history
    }
}
