import OnlineDDLPostgres

/// Prisma's `_prisma_migrations (id, checksum, finished_at, migration_name, logs,
/// rolled_back_at, started_at, applied_steps_count)`: a row per attempt at a migration
/// folder (`migration_name` is the folder's name, `<timestamp>_<name>`). A migration is
/// applied when one of its rows finished and was not rolled back, as `prisma migrate
/// deploy` reads it; a row neither finished nor rolled back is a failed (or running)
/// migration, and a migration whose rows are all rolled back is one Prisma would run again.
enum PrismaHistory {
    struct Row: Sendable, Equatable {
        let id: String
        let checksum: String
        let finishedAt: String?
        let migrationName: String
        let rolledBackAt: String?
        let startedAt: String
    }

    static func history(_ rows: [Row]) -> ForeignHistory {
        var history = ForeignHistory(source: .prisma)
        var names: [String] = []
        var attempts: [String: [Row]] = [:]
        for row in rows.sorted(by: { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }) {
            if attempts[row.migrationName] == nil { names.append(row.migrationName) }
            attempts[row.migrationName, default: []].append(row)
        }
        for name in names {
            let rows = attempts[name] ?? []
            for row in rows where row.finishedAt == nil && row.rolledBackAt == nil {
                history.problems.append(.unfinished(row: "migration \(name) (id \(row.id), started \(row.startedAt))", name: name))
            }
            if let done = rows.last(where: { $0.finishedAt != nil && $0.rolledBackAt == nil }) {
                history.applied.append(ForeignMigration(
                    version: version(of: name), row: "migration \(name)", appliedAt: done.finishedAt,
                    checksum: .prismaSHA256(done.checksum), name: String(name.drop { $0 != "_" }.dropFirst())))
            } else if rows.allSatisfy({ $0.rolledBackAt != nil }) {
                history.problems.append(.rolledBack(row: "migration \(name)", name: name))
            }
        }
        return history
    }

    /// `20240101120000_init` → `20240101120000`: the folder's version.
    static func version(of migrationName: String) -> String {
        String(migrationName.prefix { $0 != "_" })
    }
}
