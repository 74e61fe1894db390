import OnlineDDLMigrations
import OnlineDDLPostgres
import OnlineDDLRunner

/// Takes over what was applied without onlineddl: `adopt` reads another tool's history
/// table and records the migrations it applied; `baseline` records every migration up to a
/// version. Both hold the runner's lock (``RunnerLock``), so they never run beside an
/// apply, write onlineddl's history in one transaction, and never write the other tool's
/// table. Rows onlineddl's history already has are left as they are, so a second run
/// changes nothing.
public struct HistoryAdopter {
    let sessions: RunnerSession
    let historyTable: HistoryTable

    public init(connectionString: ConnectionString, historyTable: HistoryTable) {
        var configuration = RunnerConfiguration()
        configuration.historyTable = historyTable
        sessions = RunnerSession(connectionString: connectionString, configuration: configuration)
        self.historyTable = historyTable
    }

    /// What the tool's table it read and the plan it recorded (or, with `dryRun`, would record).
    public struct Outcome: Sendable {
        public let plan: AdoptionPlan
        /// The other tool's table, schema-qualified; nil for a baseline.
        public let toolTable: ForeignTable?
        /// The name of each migration of the folder, by version as written.
        public let names: [String: String]

        init(plan: AdoptionPlan, toolTable: ForeignTable?, migrations: [PreparedMigration]) {
            self.plan = plan
            self.toolTable = toolTable
            names = Dictionary(migrations.map { ($0.file.version, $0.file.name) }) { first, _ in first }
        }
    }

    /// Adopts `source`'s history (nil: the one tool whose table is found) from `table` (nil:
    /// the tool's default). Refuses half-done rows, versions without a file, and, unless
    /// `allowChanged`, files changed since the tool applied them.
    public func adopt(
        from source: AdoptionSource?, table: ForeignTable?, migrations: [PreparedMigration], dryRun: Bool, allowChanged: Bool
    ) throws(AdoptionFailure) -> Outcome {
        try locked { connection throws(AdoptionFailure) in
            let reader = ForeignHistoryReader(connection: connection)
            let (source, located) = try find(source, table, with: reader)
            let history = try database { () throws(PostgresError) in try reader.history(of: source, in: located) }
            let records = try database { () throws(PostgresError) in try historyTable.records(on: connection) }
            let plan = AdoptionPlan(adopting: history, migrations: migrations, records: records)
            guard plan.problems.isEmpty else { throw .refused(plan.problems) }
            guard plan.changed.isEmpty || allowChanged else { throw .changed(source, plan.changed) }
            if !dryRun { try record(plan, on: connection) }
            return Outcome(plan: plan, toolTable: located, migrations: migrations)
        }
    }

    /// Records every migration up to `version` as applied without running it.
    public func baseline(version: String, migrations: [PreparedMigration], dryRun: Bool) throws(AdoptionFailure) -> Outcome {
        try locked { connection throws(AdoptionFailure) in
            let records = try database { () throws(PostgresError) in try historyTable.records(on: connection) }
            let plan = AdoptionPlan(baselineAt: version, migrations: migrations, records: records)
            guard plan.problems.isEmpty else { throw .refused(plan.problems) }
            if !dryRun { try record(plan, on: connection) }
            return Outcome(plan: plan, toolTable: nil, migrations: migrations)
        }
    }

    /// Runs `body` on a control session holding the run lock; fails at once if another
    /// runner holds it.
    private func locked<T>(_ body: (Connection) throws(AdoptionFailure) -> T) throws(AdoptionFailure) -> T {
        let connection: Connection
        do {
            connection = try sessions.openControl()
        } catch {
            throw error.isConnectionError ? .cannotConnect(error) : .database(error)
        }
        let lock = RunnerLock(historyTable: historyTable)
        let taken = try database { () throws(PostgresError) in try lock.tryAcquire(on: connection) }
        guard taken else { throw .runnerBusy(try database { () throws(PostgresError) in try lock.holder(on: connection) }) }
        defer { try? lock.release(on: connection) }
        return try body(connection)
    }

    /// The tool and its table: as given, else the one tool whose default table is found.
    private func find(
        _ source: AdoptionSource?, _ table: ForeignTable?, with reader: ForeignHistoryReader
    ) throws(AdoptionFailure) -> (AdoptionSource, ForeignTable) {
        let ownTable = ForeignTable(schema: historyTable.schema, name: historyTable.name)
        if let source {
            let wanted = table ?? ForeignTable(schema: nil, name: source.defaultTableName)
            guard let (located, columns) = try database({ () throws(PostgresError) in try reader.locate(wanted) }), located != ownTable else {
                throw .toolTableMissing(source, wanted)
            }
            guard source.fits(columns: columns) else {
                throw .notToolTable(source, located, missing: source.columns.subtracting(columns).sorted())
            }
            return (source, located)
        }
        var found: [(AdoptionSource, ForeignTable)] = []
        // Tools share a default name (golang-migrate's and dbmate's `schema_migrations`), and
        // `--from-table` names one table for all: each is looked up once.
        var lookedUp: [ForeignTable: (table: ForeignTable, columns: Set<String>)?] = [:]
        for candidate in AdoptionSource.allCases {
            let wanted = table ?? ForeignTable(schema: nil, name: candidate.defaultTableName)
            if lookedUp[wanted] == nil {
                lookedUp[wanted] = .some(try database({ () throws(PostgresError) in try reader.locate(wanted) }))
            }
            if let (located, columns) = lookedUp[wanted] ?? nil, located != ownTable, candidate.fits(columns: columns) {
                found.append((candidate, located))
            }
        }
        guard found.count <= 1 else { throw .severalToolsFound(found) }
        guard let only = found.first else { throw .noToolFound }
        return only
    }

    /// Writes the plan's rows in one transaction, creating the history table (or its
    /// `origin` column) first if missing.
    private func record(_ plan: AdoptionPlan, on connection: Connection) throws(AdoptionFailure) {
        guard !plan.recorded.isEmpty else { return }
        do {
            try connection.execute("BEGIN")
            try historyTable.create(on: connection)
            try historyTable.addOriginColumn(on: connection)
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw error.isConnectionError ? .database(error) : .historyUnavailable(historyTable, error)
        }
        do {
            for migration in plan.recorded { try historyTable.recordAdopted(migration, origin: plan.origin, on: connection) }
            try connection.execute("COMMIT")
        } catch {
            _ = try? connection.execute("ROLLBACK")
            throw .database(error)
        }
    }

    private func database<T>(_ body: () throws(PostgresError) -> T) throws(AdoptionFailure) -> T {
        do {
            return try body()
        } catch {
            throw .database(error)
        }
    }
}
