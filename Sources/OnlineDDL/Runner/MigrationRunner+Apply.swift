extension MigrationRunner {
    /// What one migration needs while it runs.
    struct MigrationContext {
        let migration: PreparedMigration
        let statements: [PlannedStatement]
        let session: Connection
        let canceller: QueryCanceller
        let control: Connection
        let maxAttempts: Int
    }

    /// Applies one migration: in one transaction, or statement by statement after the
    /// `resumingAfter` statements an earlier, cut-off run applied.
    func apply(
        _ migration: PreparedMigration, resumingAfter applied: Int, analyzer: StatementAnalyzer, control: Connection
    ) throws(RunFailure) {
        let analyses = migration.script.statements.map(analyzer.analyze)
        let transactional = !migration.directives.noTransaction && MigrationTransaction.runsInTransaction(analyses)
        let context: MigrationContext
        do {
            let resolver = CatalogResolver(catalog: try CatalogSnapshot.read(from: control))
            let statements = zip(migration.script.statements, analyses).enumerated().map { index, pair in
                PlannedStatement(statement: pair.0, index: index, migration: migration, analysis: pair.1, resolver: resolver)
            }
            let session = try sessions.openMigration(migration.directives)
            context = MigrationContext(
                migration: migration, statements: statements, session: session, canceller: try session.makeCanceller(),
                control: control, maxAttempts: migration.directives.maxAttempts ?? configuration.maxAttempts)
        } catch {
            throw .database(error)
        }
        let resumeAfter = transactional ? 0 : min(applied, context.statements.count)
        emit(.migrationStarted(.init(
            version: migration.file.version, name: migration.file.name, file: migration.file.path,
            transactional: transactional, statements: context.statements.count, resumeAfter: resumeAfter)))
        let started = clock.now
        let waitBefore = lockWait
        let attempts = transactional
            ? try runInTransaction(context)
            : try runStatementByStatement(context, from: resumeAfter)
        emit(.migrationDone(.init(
            version: migration.file.version, name: migration.file.name,
            durationMilliseconds: (clock.now - started).wholeMilliseconds, attempts: attempts,
            lockWaitMilliseconds: (lockWait - waitBefore).wholeMilliseconds)))
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
            do {
                try execute("BEGIN", in: context)
                var yielded = false
                // Locks taken by earlier statements of this attempt: PostgreSQL grants a
                // lock its backend already holds in that mode at once, queue or not.
                var held: [MigrationPlan.Lock] = []
                for statement in context.statements {
                    current = statement
                    if let signal = cancellation.signal { throw RunFailure.interrupted(signal: signal) }
                    if configuration.predict, !statement.locks.allSatisfy(held.contains) {
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
                    emit(.statementDone(.init(
                        position: statement.position, durationMilliseconds: (clock.now - statementStarted).wholeMilliseconds,
                        attempts: attempt)))
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
                try configuration.historyTable.record(HistoryEntry(
                    version: context.migration.file.version, name: context.migration.file.name,
                    checksum: context.migration.checksum, duration: clock.now - started, attempts: attempt,
                    lockWait: lockWait - waitBefore, statementsApplied: context.statements.count,
                    statementsTotal: context.statements.count), on: context.session)
                try execute("COMMIT", in: context)
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
    /// each. Returns the attempts the most-tried statement needed.
    private func runStatementByStatement(_ context: MigrationContext, from first: Int) throws(RunFailure) -> Int {
        var mostAttempts = 0
        for (index, statement) in context.statements.enumerated() where index >= first {
            let started = clock.now
            let waitBefore = lockWait
            var attempt = 0
            while true {
                if let signal = cancellation.signal { throw .interrupted(signal: signal) }
                if configuration.predict, !statement.locks.isEmpty {
                    try passGate(statement.locks, at: statement.position, runnerPID: nil, control: context.control)
                }
                attempt += 1
                let cleanup = try InvalidIndexCleanup.before(statement, control: context.control)
                let statementStarted = clock.now
                do {
                    try execute(statement.statement.text, in: context)
                    break
                } catch {
                    try cleanup?.dropLeftovers(at: statement.position, session: context.session, sessions: sessions, emit: emit)
                    try handleFailure(error, of: statement, attempt: attempt, statementStarted: statementStarted, context: context)
                }
            }
            mostAttempts = max(mostAttempts, attempt)
            do {
                try configuration.historyTable.record(HistoryEntry(
                    version: context.migration.file.version, name: context.migration.file.name,
                    checksum: context.migration.checksum, duration: clock.now - started, attempts: attempt,
                    lockWait: lockWait - waitBefore, statementsApplied: index + 1,
                    statementsTotal: context.statements.count), on: context.session)
            } catch {
                throw .database(error)
            }
            emit(.statementDone(.init(
                position: statement.position, durationMilliseconds: (clock.now - started).wholeMilliseconds, attempts: attempt)))
        }
        return mostAttempts
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
            throw .statementFailed(location, error)
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
