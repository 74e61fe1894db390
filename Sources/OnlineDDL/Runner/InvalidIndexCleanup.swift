import OnlineDDLCatalog
import OnlineDDLMigrations
import OnlineDDLPostgres

/// A failed `CREATE INDEX CONCURRENTLY` (or `REINDEX … CONCURRENTLY`) leaves an INVALID
/// index behind that every write keeps updating. Before such a statement the runner notes
/// the indexes its tables already have; after a failure it drops, concurrently, the INVALID
/// indexes that were not there before: only the ones this runner's statement created.
struct InvalidIndexCleanup {
    let tables: [RelationID]
    let existing: Set<UInt32>

    /// Notes the existing indexes, for a statement that builds an index concurrently.
    static func before(_ statement: PlannedStatement, control: Connection) throws(RunFailure) -> InvalidIndexCleanup? {
        guard statement.buildsIndexConcurrently, !statement.indexedTables.isEmpty else { return nil }
        let tables = statement.indexedTables
        do {
            let rows = try control.query(
                "SELECT indexrelid::int8 AS id FROM pg_index WHERE indrelid = ANY($1::oid[])", [Self.oidArray(tables)]
            ).rows
            var existing: Set<UInt32> = []
            for row in rows { existing.insert(UInt32(truncatingIfNeeded: try row.decode("id", as: Int64.self))) }
            return InvalidIndexCleanup(tables: tables, existing: existing)
        } catch {
            throw .database(error)
        }
    }

    /// Whether a valid index named `name` exists on the tables that was not there before:
    /// the build finished, though the runner was cut off before it could record that.
    func finished(indexNamed name: String, control: Connection) throws(RunFailure) -> Bool {
        do {
            let rows = try control.query("""
                SELECT i.indexrelid::int8 AS id FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                 WHERE i.indrelid = ANY($1::oid[]) AND i.indisvalid AND c.relname = $2
                """, [Self.oidArray(tables), name]).rows
            for row in rows where !existing.contains(UInt32(truncatingIfNeeded: try row.decode("id", as: Int64.self))) {
                return true
            }
            return false
        } catch {
            throw .database(error)
        }
    }

    /// Drops the INVALID indexes on the tables that were not there before. Uses the
    /// migration session, or a new one if that session was lost with the failure; returns
    /// the session used.
    func dropLeftovers(
        at position: StatementPosition, session: Connection, sessions: RunnerSession, emit: (RunEvent) -> Void
    ) throws(RunFailure) -> Connection {
        do {
            try drop(on: session, at: position, emit: emit)
            return session
        } catch let error where error.isConnectionError {
            do {
                let replacement = try sessions.openMigration(MigrationDirectives()).connection
                try drop(on: replacement, at: position, emit: emit)
                return replacement
            } catch {
                throw .database(error)
            }
        } catch {
            throw .database(error)
        }
    }

    private func drop(on connection: Connection, at position: StatementPosition, emit: (RunEvent) -> Void) throws(PostgresError) {
        let rows = try connection.query("""
            SELECT i.indexrelid::int8 AS id, format('%I.%I', n.nspname, c.relname) AS name
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE i.indrelid = ANY($1::oid[]) AND NOT i.indisvalid
            """, [Self.oidArray(tables)]).rows
        for row in rows {
            let id = UInt32(truncatingIfNeeded: try row.decode("id", as: Int64.self))
            guard !existing.contains(id) else { continue }
            let name: String = try row.decode("name")
            try connection.execute("DROP INDEX CONCURRENTLY IF EXISTS \(name)")
            emit(.invalidIndexDropped(.init(position: position, index: name)))
        }
    }

    private static func oidArray(_ tables: [RelationID]) -> String {
        "{" + tables.map { String($0.rawValue) }.joined(separator: ",") + "}"
    }
}
