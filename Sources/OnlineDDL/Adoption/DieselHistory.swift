import OnlineDDLPostgres

/// diesel's `__diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY, run_on TIMESTAMP
/// DEFAULT CURRENT_TIMESTAMP)`: a row per applied migration, the version the folder name's
/// digits (`2024-01-01-120000_x` is `20240101120000`, migrations_internals'
/// `version_from_string`).
enum DieselHistory {
    struct Row: Sendable, Equatable {
        let version: String
        /// `run_on`, in UTC.
        let runOn: String?
    }

    static func history(_ rows: [Row]) -> ForeignHistory {
        var history = ForeignHistory(source: .diesel)
        history.applied = rows.map { ForeignMigration(version: $0.version, row: "version \($0.version)", appliedAt: $0.runOn) }
        return history
    }
}
