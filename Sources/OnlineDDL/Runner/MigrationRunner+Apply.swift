extension MigrationRunner {
    /// What one migration needs while it runs.
    struct MigrationContext {
        let migration: PreparedMigration
        let statements: [PlannedStatement]
        let session: Connection
        let canceller: QueryCanceller
        let control: Connection
        let maxAttempts: Int
        let transactional: Bool
    }

    /// Applies one migration: in one transaction, or statement by statement after the
    /// statements an earlier, cut-off run applied (its history `record`).
    func apply(
        _ migration: PreparedMigration, record: HistoryRecord?, analyzer: StatementAnalyzer, control: Connection
    ) throws(RunFailure) {
        let applied = record?.statementsApplied ?? 0
        let analyses = migration.script.statements.map(analyzer.analyze)
        let transactional = !migration.directives.noTransaction && MigrationTransaction.runsInTransaction(analyses)
        let context: MigrationContext
        do {
            // The runner needs the catalog for lock targets, not for sizes: measuring every
            // relation on disk before each migration would cost a big database seconds.
            let resolver = CatalogResolver(catalog: try CatalogSnapshot.read(from: control, measuringSizes: false))
            let statements = zip(migration.script.statements, analyses).enumerated().map { index, pair in
                PlannedStatement(statement: pair.0, index: index, migration: migration, analysis: pair.1, resolver: resolver)
            }
            let session = try migrationSession(migration.directives)
            context = MigrationContext(
                migration: migration, statements: statements, session: session.connection, canceller: session.canceller,
                control: control, maxAttempts: migration.directives.maxAttempts ?? configuration.maxAttempts,
                transactional: transactional)
        } catch {
            throw .database(error)
        }
        let resumeAfter = transactional ? 0 : min(applied, context.statements.count)
        emit(.migrationStarted(.init(
            version: migration.file.version, name: migration.file.name, file: migration.file.path,
            transactional: transactional, statements: context.statements.count, resumeAfter: resumeAfter)))
        let started = clock.now
        let waitBefore = lockWait
        let attempts = context.statements.isEmpty ? try recordNoOp(context)
            : transactional ? try runInTransaction(context)
            : try runStatementByStatement(context, from: resumeAfter, cutOffBuild: record?.indexBuild)
        finishedSession = MigrationSession(connection: context.session, canceller: context.canceller)
        emit(.migrationDone(.init(
            version: migration.file.version, name: migration.file.name,
            durationMilliseconds: (clock.now - started).wholeMilliseconds, attempts: attempts,
            lockWaitMilliseconds: (lockWait - waitBefore).wholeMilliseconds)))
    }

    /// The last finished migration's session, reset for `directives`, or a new one.
    private func migrationSession(_ directives: MigrationDirectives) throws(PostgresError) -> MigrationSession {
        defer { finishedSession = nil }
        if let finished = finishedSession, let reused = sessions.reuse(finished, for: directives) { return reused }
        return try sessions.openMigration(directives)
    }

    /// Records a migration without statements (an empty or comment-only file): its history
    /// row, one INSERT and so one transaction, and nothing else. Returns the attempts made.
    private func recordNoOp(_ context: MigrationContext) throws(RunFailure) -> Int {
        if let signal = cancellation.signal { throw .interrupted(signal: signal) }
        let record = configuration.historyTable.recordStatement(progress(context, applied: 0, attempts: 1))
        try database { () throws(PostgresError) in try execute(record, in: context) }
        return 1
    }

    /// Runs every statement in one transaction with the history row; retries the whole
    /// transaction on lock failures. Returns the attempts made.
    private func runInTransaction(_ context: MigrationContext) throws(RunFailure) -> Int {
        let started = clock.now
        let waitBefore = lockWait
        let allLocks = MigrationPlanner.distinct(context.statements.flatMap(\.locks))
        let firstLocking = context.statements.first { !$0.locks.isEmpty } ?? context.statements[0]
        var attempt = 0
        while true {
            if configuration.predict, !allLocks.isEmpty {
                try passGate(allLocks, at: firstLocking.position, runnerPID: nil, control: context.control)
            }
            attempt += 1
            var current = context.statements[0]
            var statementStarted = clock.now
            // Reported after COMMIT, so nothing but the statements runs while locks are held.
            var finished: [RunEvent.StatementDone] = []
            do {
                try execute("BEGIN", in: context)
                var yielded = false
                // Locks taken by earlier statements of this attempt: PostgreSQL grants a
                // lock its backend already holds in that mode at once, queue or not. Until
                // a statement takes locks, the gate's check before the attempt stands.
                var held: [MigrationPlan.Lock] = []
                for statement in context.statements {
                    current = statement
                    if let signal = cancellation.signal { throw RunFailure.interrupted(signal: signal) }
                    if configuration.predict, !held.isEmpty, !statement.locks.allSatisfy(held.contains) {
                        let assessment = try passGate(
                            statement.locks, at: statement.position, runnerPID: context.session.backendPID,
                            control: context.control, waitIfBlocked: false)
                        if assessment.verdict == .wait {
                            yielded = true
                            break
                        }
                    }
                    statementStarted = clock.now
                    if configuration.lockStrategy == .nowait {
                        for lock in statement.noWaitLocks { try execute(lock, in: context) }
                    }
                    try execute(statement.statement.text, in: context)
                    held += statement.locks.filter { !held.contains($0) }
                    finished.append(.init(
                        position: statement.position, durationMilliseconds: (clock.now - statementStarted).wholeMilliseconds,
                        attempts: attempt))
                }
                if yielded {
                    // A long transaction appeared after BEGIN: give back every lock taken
                    // so far rather than hold them while waiting, then wait at the gate.
                    rollBack(context)
                    attempt -= 1
                    try sleepCounted(configuration.checkInterval)
                    continue
                }
                statementStarted = clock.now
                let record = configuration.historyTable.recordStatement(HistoryEntry(
                    version: context.migration.file.version, name: context.migration.file.name,
                    checksum: context.migration.checksum, duration: clock.now - started, attempts: attempt,
                    lockWait: lockWait - waitBefore, statementsApplied: context.statements.count,
                    statementsTotal: context.statements.count))
                try execute(record + ";\nCOMMIT", in: context)
                finished.forEach { emit(.statementDone($0)) }
                return attempt
            } catch let failure as RunFailure {
                rollBack(context)
                throw failure
            } catch let error as PostgresError {
                rollBack(context)
                try handleFailure(error, of: current, attempt: attempt, statementStarted: statementStarted, context: context)
            } catch {
                preconditionFailure("unexpected error: \(error)")
            }
        }
    }

    /// Runs statements one by one, each in its own transaction, recording progress after
    /// each. `cutOffBuild` is a concurrent index build an earlier run was cut off in.
    /// Returns the attempts the most-tried statement needed.
    private func runStatementByStatement(
        _ context: MigrationContext, from first: Int, cutOffBuild: IndexBuild?
    ) throws(RunFailure) -> Int {
        var mostAttempts = 0
        for (index, statement) in context.statements.enumerated() where index >= first {
            let started = clock.now
            let waitBefore = lockWait
            var attempt = 0
            let finishedBefore = try recoverCutOffBuild(cutOffBuild, of: statement, at: index, context: context)
            while !finishedBefore {
                if let signal = cancellation.signal { throw .interrupted(signal: signal) }
                if configuration.predict, !statement.locks.isEmpty {
                    try passGate(statement.locks, at: statement.position, runnerPID: nil, control: context.control)
                }
                attempt += 1
                let cleanup = try InvalidIndexCleanup.before(statement, control: context.control)
                if let cleanup {
                    try database { () throws(PostgresError) in
                        try configuration.historyTable.recordIndexBuild(
                            IndexBuild(statement: index, indexesBefore: cleanup.existing),
                            of: progress(context, applied: index), on: context.session)
                    }
                }
                let statementStarted = clock.now
                do {
                    try execute(statement.statement.text, in: context)
                    break
                } catch {
                    if let cleanup { try dropLeftovers(of: cleanup, statement: statement, context: context) }
                    try handleFailure(error, of: statement, attempt: attempt, statementStarted: statementStarted, context: context)
                }
            }
            mostAttempts = max(mostAttempts, attempt)
            try database { () throws(PostgresError) in
                try configuration.historyTable.record(
                    progress(context, applied: index + 1, duration: clock.now - started, attempts: attempt,
                             lockWait: lockWait - waitBefore),
                    on: context.session)
            }
            emit(.statementDone(.init(
                position: statement.position, durationMilliseconds: (clock.now - started).wholeMilliseconds, attempts: attempt)))
        }
        return mostAttempts
    }

    /// When an earlier run was killed while `statement` built an index concurrently: drops
    /// the INVALID index that build left, or, if the build had finished (a named index now
    /// exists and is valid), returns true so the statement is not run again.
    private func recoverCutOffBuild(
        _ build: IndexBuild?, of statement: PlannedStatement, at index: Int, context: MigrationContext
    ) throws(RunFailure) -> Bool {
        guard let build, build.statement == index, statement.buildsIndexConcurrently else { return false }
        let leftovers = InvalidIndexCleanup(tables: statement.indexedTables, existing: build.indexesBefore)
        if let name = statement.resolved.analysis.facts.createIndex?.indexName,
           try leftovers.finished(indexNamed: name, control: context.control) {
            return true
        }
        try dropLeftovers(of: leftovers, statement: statement, context: context)
        return false
    }

    /// Drops what a failed or cut-off concurrent build left and forgets the build.
    private func dropLeftovers(
        of cleanup: InvalidIndexCleanup, statement: PlannedStatement, context: MigrationContext
    ) throws(RunFailure) {
        let session = try cleanup.dropLeftovers(at: statement.position, session: context.session, sessions: sessions, emit: emit)
        try database { () throws(PostgresError) in
            try configuration.historyTable.clearIndexBuild(version: context.migration.file.version, on: session)
        }
    }

    /// The history entry of a statement-by-statement migration with `applied` statements done.
    private func progress(
        _ context: MigrationContext, applied: Int, duration: Duration = .zero, attempts: Int = 0, lockWait: Duration = .zero
    ) -> HistoryEntry {
        HistoryEntry(
            version: context.migration.file.version, name: context.migration.file.name,
            checksum: context.migration.checksum, duration: duration, attempts: attempts, lockWait: lockWait,
            statementsApplied: applied, statementsTotal: context.statements.count)
    }

    /// After a failed attempt: stops the run (signal, non-lock error, attempts or budget
    /// spent), or reports the failure and sleeps before the next attempt.
    private func handleFailure(
        _ error: PostgresError, of statement: PlannedStatement, attempt: Int, statementStarted: ContinuousClock.Instant,
        context: MigrationContext
    ) throws(RunFailure) {
        if let signal = cancellation.signal { throw .interrupted(signal: signal) }
        let location = statement.location(ofCharacter: error.position)
        guard error.isRetryableLockFailure, !error.isConnectionError else {
            emit(.attemptFailed(.init(
                position: location, attempt: attempt, sqlState: error.sqlState?.rawValue, message: error.description,
                retryInMilliseconds: nil)))
            throw .statementFailed(location, error, aftermath: aftermath(of: error, at: statement, context: context))
        }
        lockWait += clock.now - statementStarted
        guard attempt < context.maxAttempts else {
            emit(.attemptFailed(.init(
                position: location, attempt: attempt, sqlState: error.sqlState?.rawValue, message: error.description,
                retryInMilliseconds: nil)))
            throw .gaveUp(location, reason: "\(attempt) attempts failed, the last with: \(error.message)")
        }
        let delay = try backOff(beforeRetry: attempt, at: location, failure: error)
        emit(.attemptFailed(.init(
            position: location, attempt: attempt, sqlState: error.sqlState?.rawValue, message: error.description,
            retryInMilliseconds: delay.wholeMilliseconds)))
        try sleepCounted(delay)
    }

    /// What the failure left applied, and what to do next.
    private func aftermath(of error: PostgresError, at statement: PlannedStatement, context: MigrationContext) -> String {
        let file = context.migration.file.path
        if error.isConnectionError {
            return "the connection was lost; run apply again: it resumes after what the history table records"
        }
        if context.transactional {
            return "nothing of \(file) was applied (its transaction rolled back); fix the statement and run apply again"
        }
        let done = statement.position.statement - 1
        guard done > 0 else {
            return "no statement of \(file) was applied; fix the statement and run apply again"
        }
        return "statements 1-\(done) of \(file) were applied and recorded; fix statement \(done + 1) and run apply "
            + "again to resume there (an edited file needs --allow-changed)"
    }

    /// Runs SQL on the migration session so that a signal cancels it.
    private func execute(_ sql: String, in context: MigrationContext) throws(PostgresError) {
        try cancellation.cancellable(context.canceller) { () throws(PostgresError) in
            _ = try context.session.execute(sql)
        }
    }

    /// Ends the session's transaction, if any; a broken session has nothing to roll back.
    private func rollBack(_ context: MigrationContext) {
        _ = try? context.session.execute("ROLLBACK")
    }
}
