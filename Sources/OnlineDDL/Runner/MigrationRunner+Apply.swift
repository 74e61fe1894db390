import OnlineDDLAnalysis
import OnlineDDLCatalog
import OnlineDDLLocking
import OnlineDDLMigrations
import OnlineDDLPostgres

extension MigrationRunner {
    /// What one migration needs while it runs.
    struct MigrationContext {
        let migration: PreparedMigration
        /// Resolved through the catalog, unless ``deferred``.
        var statements: [PlannedStatement]
        let session: Connection
        let canceller: QueryCanceller
        let control: Connection
        let maxAttempts: Int
        /// The file's units, decided from the catalog-settled analyses.
        let execution: ExecutionPlan
        /// Whether ``statements`` are not resolved through the catalog yet: no statement
        /// needs the catalog to decide how it runs (``PlannedStatement/needsCatalog(lockStrategy:)``),
        /// and the lock table showed no other session on any relation when the migration
        /// started. Before each later gate check the runner reads the lock table again (see
        /// ``MigrationRunner/lookWhileDeferred(_:at:own:reusing:)``); the first time it is
        /// not quiet, it reads the catalog and the gate decides as it always does.
        var deferred: Bool
        /// The quiet lock table read when the migration started, for its first gate check.
        var quietLook: LockSnapshot?
    }

    /// Applies one migration unit by unit (see ``ExecutionPlan``), from the first unit an
    /// earlier, cut-off run did not commit (its history `record`).
    func apply(
        _ migration: PreparedMigration, record: HistoryRecord?, analyzer: StatementAnalyzer, control: Connection
    ) throws(RunFailure) {
        let applied = record?.statementsApplied ?? 0
        let unresolved = zip(migration.script.statements, migration.script.statements.map(analyzer.analyze))
            .enumerated().map { index, pair in
                PlannedStatement(unresolved: pair.0, index: index, migration: migration, analysis: pair.1)
            }
        var context: MigrationContext
        do {
            // The catalog only settles where the gate's locks fall. While no other session
            // holds or awaits a lock on any relation, every request would be granted
            // whatever relation it names, so the read waits for the first gate check that
            // finds the lock table busy (without --predict there is none). The session is
            // ready first, so that a quiet read serves as the first unit's gate check too.
            let session = try migrationSession(migration.directives)
            // The standbys' lock tables are read by OID, which only the catalog gives.
            let deferrable = (configuration.standbys.isEmpty || !configuration.predict)
                && !unresolved.contains { $0.needsCatalog(lockStrategy: configuration.lockStrategy) }
            var statements = unresolved
            var quietLook: LockSnapshot?
            if !deferrable || configuration.predict {
                let locks = try LockSnapshot.read(from: control)
                if deferrable, locks.isQuiet(ignoring: []) {
                    quietLook = locks
                } else {
                    statements = try resolve(unresolved, of: migration, control: control, locks: locks).statements
                }
            }
            let execution = ExecutionPlan(
                script: migration.script, transactional: statements.map(\.resolved.transactional),
                noTransaction: migration.directives.noTransaction)
            if let problem = execution.problems.first {
                throw RunFailure.cannotRun(statements[problem.statement].position, reason: problem.message)
            }
            context = MigrationContext(
                migration: migration, statements: statements, session: session.connection, canceller: session.canceller,
                control: control, maxAttempts: migration.directives.maxAttempts ?? configuration.maxAttempts,
                execution: execution, deferred: deferrable && (quietLook != nil || !configuration.predict),
                quietLook: quietLook)
        } catch let failure as RunFailure {
            throw failure
        } catch let error as PostgresError {
            throw .database(error)
        } catch {
            preconditionFailure("unexpected error: \(error)")
        }
        let units = context.execution.units
        let resume = ResumePoint(units: units, statementsApplied: applied, statementCount: context.statements.count)
        emit(.migrationStarted(.init(
            version: migration.file.version, name: migration.file.name, file: migration.file.path,
            transactional: context.execution.isOneTransaction, statements: context.statements.count,
            resumeAfter: resume.resumeAfter, units: units.count)))
        let started = clock.now
        let waitBefore = lockWait
        var attempts = 0
        if context.statements.isEmpty {
            attempts = try recordNoOp(context)
        } else {
            for unit in resume.pending {
                let statement = context.statements[unit.statements.lowerBound].resolved
                let isolated = unit.kind == .statement && (!statement.transactional || statement.analysis.runsProceduralCode)
                attempts = max(attempts, isolated
                    ? try runAlone(unit.statements.lowerBound, &context, cutOffBuild: record?.indexBuild)
                    : try runInTransaction(unit, &context))
            }
        }
        finishedSession = MigrationSession(connection: context.session, canceller: context.canceller)
        emit(.migrationDone(.init(
            version: migration.file.version, name: migration.file.name,
            durationMilliseconds: (clock.now - started).wholeMilliseconds, attempts: attempts,
            lockWaitMilliseconds: (lockWait - waitBefore).wholeMilliseconds)))
    }

    /// `statements` resolved through the catalog, read now on `control` with `locks` just
    /// read there, and the lock table the read went by. The runner needs the catalog for
    /// lock targets, not for sizes: measuring every relation on disk before each migration
    /// would cost a big database seconds. The read opens no table another session holds
    /// in ACCESS EXCLUSIVE mode, so a lock on a table this migration does not touch neither
    /// stalls nor fails it. The system relations, which no migration changes, are read once
    /// per run.
    private func resolve(
        _ statements: [PlannedStatement], of migration: PreparedMigration, control: Connection, locks: LockSnapshot
    ) throws(PostgresError) -> (statements: [PlannedStatement], locks: LockSnapshot) {
        let snapshot = try PlanningSnapshot.read(
            from: control, measuringSizes: false, reusingSystemRelationsOf: lastCatalog, locks: locks)
        lastCatalog = snapshot.catalog
        let resolver = CatalogResolver(catalog: snapshot.catalog)
        let resolved = statements.enumerated().map { index, statement in
            PlannedStatement(
                statement: statement.statement, index: index, migration: migration,
                analysis: statement.resolved.analysis, resolver: resolver)
        }
        return (resolved, snapshot.locks)
    }

    /// Before a gate check while `context` is ``MigrationContext/deferred``: reads the lock
    /// table (or takes `quiet`, read when the migration started). When it is quiet but for
    /// `own` (``LockSnapshot/isQuiet(ignoring:)``), every request would be granted: reports
    /// that and returns nil. Otherwise resolves the statements through the catalog, ends
    /// the deferral, and returns the lock table for the gate's first look.
    func lookWhileDeferred(
        _ context: inout MigrationContext, at position: StatementPosition, own: Set<Int32>, reusing quiet: LockSnapshot? = nil
    ) throws(RunFailure) -> LockSnapshot? {
        if let signal = cancellation.signal { throw .interrupted(signal: signal) }
        do {
            let locks = if let quiet { quiet } else { try LockSnapshot.read(from: context.control) }
            if locks.isQuiet(ignoring: own) {
                emit(.statementPredicted(.init(position: position, verdict: .clear, predictions: [], blockers: [])))
                return nil
            }
            let resolved = try resolve(context.statements, of: context.migration, control: context.control, locks: locks)
            context.statements = resolved.statements
            context.deferred = false
            return resolved.locks
        } catch {
            throw .database(error)
        }
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

    /// Runs one unit in one transaction: the runner's `BEGIN` around the whole file or one
    /// statement, or a block's own `BEGIN` as written. The history row's progress (every
    /// statement up to the unit's end) goes in just before the `COMMIT`, so the unit and its
    /// record commit together. The gate checks all the unit's locks before `BEGIN`; a lock
    /// failure retries the whole unit. Performs ``AttemptStateMachine``'s actions; returns
    /// the attempts made.
    private func runInTransaction(_ unit: ExecutionUnit, _ context: inout MigrationContext) throws(RunFailure) -> Int {
        let started = clock.now
        let waitBefore = lockWait
        var machine = AttemptStateMachine(
            unit: unit, transactional: true, file: context.migration.file.path, limits: limits(context))
        let body = machine.body
        var quietLook = context.quietLook
        context.quietLook = nil
        var attempt = 0
        var statementStarted = clock.now
        // Reported after COMMIT, so nothing but the statements runs while locks are held.
        var finished: [RunEvent.StatementDone] = []
        // Locks taken by earlier statements of this attempt: PostgreSQL grants a lock its
        // backend already holds in that mode at once, queue or not. Until a statement takes
        // locks, the gate's check before the attempt stands.
        var held: [RelationLock] = []
        // While deferred: whether a statement of this attempt that may lock has run
        // (without one, `held` would be empty).
        var mayHold = false
        func done(_ statement: PlannedStatement) {
            finished.append(.init(
                position: statement.position, durationMilliseconds: (clock.now - statementStarted).wholeMilliseconds,
                attempts: attempt))
        }
        var action = machine.started()
        while true {
            do {
                switch action {
                case .passGate:
                    if let signal = cancellation.signal {
                        action = machine.cancelled(signal: signal)
                        continue
                    }
                    if configuration.predict {
                        var first: LockSnapshot?
                        if context.deferred, let mayLock = body.first(where: { context.statements[$0].mayLock }) {
                            first = try lookWhileDeferred(
                                &context, at: context.statements[mayLock].position, own: [], reusing: quietLook)
                        }
                        let allLocks = RelationLock.distinct(body.flatMap { context.statements[$0].locks })
                        if !context.deferred, let firstLocking = body.first(where: { !context.statements[$0].locks.isEmpty }) {
                            try passGate(
                                allLocks, at: context.statements[firstLocking].position, runnerPID: nil,
                                control: context.control, first: first)
                        }
                    }
                    quietLook = nil
                    action = machine.gatePassed()
                case .begin(let number, let ownBegin):
                    attempt = number
                    finished = []
                    held = []
                    mayHold = false
                    statementStarted = clock.now
                    try execute(ownBegin.map { context.statements[$0].statement.text } ?? "BEGIN", in: context)
                    if let ownBegin { done(context.statements[ownBegin]) }
                    action = machine.begun()
                case .run(let index, _):
                    if let signal = cancellation.signal {
                        action = machine.cancelled(signal: signal)
                        continue
                    }
                    var first: LockSnapshot?
                    if configuration.predict, context.deferred, mayHold, context.statements[index].mayLock {
                        first = try lookWhileDeferred(
                            &context, at: context.statements[index].position, own: [context.session.backendPID])
                        if first != nil {
                            held = RelationLock.distinct(context.statements[body.lowerBound..<index].flatMap(\.locks))
                        }
                    }
                    let statement = context.statements[index]
                    if configuration.predict, !context.deferred, !held.isEmpty, !statement.locks.allSatisfy(held.contains) {
                        let assessment = try passGate(
                            statement.locks, at: statement.position, runnerPID: context.session.backendPID,
                            control: context.control, waitIfBlocked: false, first: first)
                        if assessment.verdict == .wait {
                            action = machine.gateYielded()
                            continue
                        }
                    }
                    statementStarted = clock.now
                    if configuration.lockStrategy == .nowait {
                        for lock in statement.noWaitLocks { try execute(lock, in: context) }
                    }
                    try execute(statement.statement.text, in: context)
                    held += statement.locks.filter { !held.contains($0) }
                    mayHold = mayHold || statement.mayLock
                    done(statement)
                    action = machine.statementSucceeded()
                case .commit(let ownCommit):
                    statementStarted = clock.now
                    let record = configuration.historyTable.recordStatement(progress(
                        context, applied: unit.statements.upperBound, duration: clock.now - started, attempts: attempt,
                        lockWait: lockWait - waitBefore))
                    try execute(record + ";\nCOMMIT", in: context)
                    if let ownCommit { done(context.statements[ownCommit]) }
                    action = machine.committed()
                case .finished(let attempts):
                    finished.forEach { emit(.statementDone($0)) }
                    try committed(body.flatMap { context.statements[$0].locks }, control: context.control)
                    return attempts
                case .rollBackAndWait, .retry, .giveUp:
                    action = try endAttempt(action, &machine, context: context)
                }
            } catch let failure as RunFailure {
                if machine.inTransaction { rollBack(context) }
                throw failure
            } catch let error as PostgresError {
                action = machine.failed(
                    error, at: context.statements[machine.statementInFlight].location(ofCharacter: error.position),
                    cancelledBy: cancellation.signal, elapsed: clock.now - statementStarted, lockWait: lockWait,
                    random: &random)
            } catch {
                preconditionFailure("unexpected error: \(error)")
            }
        }
    }

    /// Runs a statement that cannot run in a transaction block on its own (autocommit),
    /// recording progress after it. `cutOffBuild` is a concurrent index build an earlier run
    /// was cut off in. Performs ``AttemptStateMachine``'s actions; returns the attempts made.
    private func runAlone(_ index: Int, _ context: inout MigrationContext, cutOffBuild: IndexBuild?) throws(RunFailure) -> Int {
        let started = clock.now
        let waitBefore = lockWait
        var machine = AttemptStateMachine(
            unit: ExecutionUnit(kind: .statement, statements: index..<(index + 1)), transactional: false,
            file: context.migration.file.path, limits: limits(context))
        var quietLook = context.quietLook
        context.quietLook = nil
        let finishedBefore = try recoverCutOffBuild(cutOffBuild, of: context.statements[index], at: index, context: context)
        var action = finishedBefore ? machine.foundApplied() : machine.started()
        while true {
            switch action {
            case .passGate:
                if let signal = cancellation.signal {
                    action = machine.cancelled(signal: signal)
                    continue
                }
                var first: LockSnapshot?
                if configuration.predict, context.deferred, context.statements[index].mayLock {
                    first = try lookWhileDeferred(&context, at: context.statements[index].position, own: [], reusing: quietLook)
                }
                quietLook = nil
                let statement = context.statements[index]
                var concurrentWaits: [ConcurrentWait]?
                if configuration.predict, !context.deferred, let concurrent = statement.resolved.concurrentStatement {
                    concurrentWaits = try passConcurrentGate(
                        concurrent, at: statement.position, ownLock: statement.locks.first, control: context.control)
                }
                if configuration.predict, !context.deferred, !statement.locks.isEmpty {
                    try passGate(
                        statement.locks, at: statement.position, runnerPID: nil, control: context.control, first: first,
                        concurrentWaits: concurrentWaits)
                }
                action = machine.gatePassed()
            case .run:
                let statement = context.statements[index]
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
                    if statement.buildsIndexConcurrently {
                        try executeBuild(statement, in: context)
                    } else {
                        try execute(statement.statement.text, in: context)
                    }
                    action = machine.statementSucceeded()
                } catch {
                    if let cleanup { try dropLeftovers(of: cleanup, statement: statement, context: context) }
                    action = machine.failed(
                        error, at: statement.location(ofCharacter: error.position), cancelledBy: cancellation.signal,
                        elapsed: clock.now - statementStarted, lockWait: lockWait, random: &random)
                }
            case .finished(let attempts):
                try database { () throws(PostgresError) in
                    try configuration.historyTable.record(
                        progress(context, applied: index + 1, duration: clock.now - started, attempts: attempts,
                                 lockWait: lockWait - waitBefore),
                        on: context.session)
                }
                emit(.statementDone(.init(
                    position: context.statements[index].position,
                    durationMilliseconds: (clock.now - started).wholeMilliseconds, attempts: attempts)))
                try committed(context.statements[index].locks, control: context.control)
                return attempts
            case .rollBackAndWait, .retry, .giveUp:
                action = try endAttempt(action, &machine, context: context)
            case .begin, .commit:
                preconditionFailure("a statement in autocommit has no BEGIN or COMMIT")
            }
        }
    }

    /// The bounds of a unit's attempts.
    private func limits(_ context: MigrationContext) -> AttemptStateMachine.Limits {
        AttemptStateMachine.Limits(
            maxAttempts: context.maxAttempts, retry: configuration.retry, maxWait: configuration.maxWait,
            checkInterval: configuration.checkInterval)
    }

    /// Performs the actions that end an attempt: rolls back, counts the wait, reports, and
    /// sleeps before the next (returning the machine's next action) or stops the run.
    private func endAttempt(
        _ action: AttemptStateMachine.Action, _ machine: inout AttemptStateMachine, context: MigrationContext
    ) throws(RunFailure) -> AttemptStateMachine.Action {
        switch action {
        case .rollBackAndWait(let interval):
            rollBack(context)
            sleepCounted(interval)
        case .retry(let delay, let report, let rollsBack, let waited):
            if rollsBack { rollBack(context) }
            lockWait += waited
            emit(.attemptFailed(report))
            sleepCounted(delay)
        case .giveUp(let failure, let report, let rollsBack, let waited):
            if rollsBack { rollBack(context) }
            lockWait += waited
            if let report { emit(.attemptFailed(report)) }
            throw failure
        case .passGate, .begin, .run, .commit, .finished:
            preconditionFailure("\(action) does not end an attempt")
        }
        return machine.waited(cancelledBy: cancellation.signal)
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

    /// The history entry of a migration with its first `applied` statements committed.
    private func progress(
        _ context: MigrationContext, applied: Int, duration: Duration = .zero, attempts: Int = 0, lockWait: Duration = .zero
    ) -> HistoryEntry {
        HistoryEntry(
            version: context.migration.file.version, name: context.migration.file.name,
            checksum: context.migration.checksum, duration: duration, attempts: attempts, lockWait: lockWait,
            statementsApplied: applied, statementsTotal: context.statements.count)
    }

    /// Runs SQL on the migration session so that a signal cancels it.
    private func execute(_ sql: String, in context: MigrationContext) throws(PostgresError) {
        try cancellation.cancellable(context.canceller) { () throws(PostgresError) in
            _ = try context.session.execute(sql)
        }
    }

    /// Runs a concurrent index build so that it is built once: with `lock_timeout = 0`, watched
    /// from the control session every check interval (``ConcurrentBuildWatch``). Its wait in
    /// the queue for the table's lock is cut at the run's lock timeout as `lock_timeout` would
    /// (55P03, retried like any lock timeout: nothing was built yet); its waits for writers
    /// and old snapshots after that are reported (`build_waiting`) and sat out.
    private func executeBuild(_ statement: PlannedStatement, in context: MigrationContext) throws(PostgresError) {
        let lockTimeout = context.migration.directives.lockTimeout ?? configuration.lockTimeout
        var watch = ConcurrentBuildWatch(queueLimit: lockTimeout)
        var cancelledQueueWait = false
        let pid = context.session.backendPID
        try context.session.execute("SET lock_timeout = 0")
        defer { _ = try? context.session.execute("SET lock_timeout = '\(lockTimeout.wholeMilliseconds)ms'") }
        let sent = clock.now
        do {
            try cancellation.cancellable(context.canceller) { () throws(PostgresError) in
                try context.session.execute(statement.statement.text, checkingEvery: configuration.checkInterval) {
                    guard !cancelledQueueWait, let seen = try? Self.observeBuild(pid, control: context.control) else { return }
                    switch watch.observed(seen, at: clock.now - sent) {
                    case .keepWatching:
                        break
                    case .cancelQueueWait:
                        cancelledQueueWait = true
                        try? context.canceller.cancel()
                    case .report(let phase, let blockers):
                        emit(.buildWaiting(.init(position: statement.position, phase: phase, blockers: blockers)))
                    }
                }
            }
        } catch where cancelledQueueWait && error.sqlState == .queryCanceled && cancellation.signal == nil {
            throw PostgresError(kind: .server, sqlState: .lockNotAvailable, severity: "ERROR", message: "canceling statement due to lock timeout")
        }
    }

    /// What the backend `pid`, building an index, waits on now.
    private static func observeBuild(_ pid: Int32, control: Connection) throws(PostgresError) -> ConcurrentBuildWatch.Observation? {
        let rows = try control.preparedQuery("""
            SELECT a.wait_event_type, a.wait_event, p.phase, array_to_string(pg_blocking_pids(a.pid), ' ') AS blockers
              FROM pg_stat_activity a LEFT JOIN pg_stat_progress_create_index p ON p.pid = a.pid
             WHERE a.pid = $1
            """, [Int(pid)]).rows
        guard let row = rows.first else { return nil }
        return ConcurrentBuildWatch.Observation(
            waitEventType: try row.decode("wait_event_type"), waitEvent: try row.decode("wait_event"),
            phase: try row.decode("phase"),
            blockers: (try row.decode("blockers", as: String?.self) ?? "").split(separator: " ").compactMap { Int32($0) })
    }

    /// Ends the session's transaction, if any; a broken session has nothing to roll back.
    private func rollBack(_ context: MigrationContext) {
        _ = try? context.session.execute("ROLLBACK")
    }
}
