import OnlineDDLPostgres

/// sqlx's `_sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT, installed_on
/// TIMESTAMPTZ, success BOOLEAN, checksum BYTEA, execution_time BIGINT)` (sqlx-postgres
/// migrate.rs): a row per applied migration, `checksum` the SHA-384 of its file.
/// `success = false` is what sqlx calls a dirty version: it refuses to go on from it.
enum SqlxHistory {
    struct Row: Sendable, Equatable {
        let version: String
        package let description: String
        let installedOn: String
        let success: Bool
        /// `checksum` in hexadecimal.
        let checksum: String
    }

    static func history(_ rows: [Row]) -> ForeignHistory {
        var history = ForeignHistory(source: .sqlx)
        for row in rows {
            let label = "version \(row.version) (\(row.description))"
            if row.success {
                history.applied.append(ForeignMigration(
                    version: row.version, row: label, appliedAt: row.installedOn, checksum: .sqlxSHA384(row.checksum)))
            } else {
                history.problems.append(.failed(.sqlx, row: label, version: row.version))
            }
        }
        return history
    }
}
