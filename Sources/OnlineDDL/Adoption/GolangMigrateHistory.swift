import OnlineDDLPostgres

/// golang-migrate's `schema_migrations (version bigint not null primary key, dirty boolean
/// not null)` (database/postgres): one row, its current version. Every file up to that
/// version is applied; `dirty` says it stopped in the middle of that version. An empty
/// table means nothing is applied.
enum GolangMigrateHistory {
    struct Row: Sendable, Equatable {
        let version: String
        let dirty: Bool
    }

    static func history(_ rows: [Row]) -> ForeignHistory {
        var history = ForeignHistory(source: .golangMigrate)
        guard let row = rows.first else { return history }
        guard rows.count == 1 else {
            history.problems.append(.unexpected(
                .golangMigrate, row: "versions " + rows.map(\.version).joined(separator: ", "),
                reason: "golang-migrate keeps exactly one row, its current version"))
            return history
        }
        if row.dirty {
            history.problems.append(.dirty(version: row.version))
        } else if row.version != "-1" {
            // -1 is golang-migrate's NilVersion: nothing applied.
            history.appliedThrough = ForeignBaseline(version: row.version, row: "version \(row.version)", requiresFile: true)
        }
        return history
    }
}
