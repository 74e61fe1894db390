/// dbmate's `schema_migrations (version varchar primary key)` (pkg/driver/postgres): a row
/// per applied migration, the version as the file name writes it, no time.
enum DbmateHistory {
    static func history(versions: [String]) -> ForeignHistory {
        var history = ForeignHistory(source: .dbmate)
        history.applied = versions.map { ForeignMigration(version: $0, row: "version \($0)") }
        return history
    }
}
