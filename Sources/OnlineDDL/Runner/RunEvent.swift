import OnlineDDLLocking

/// What the runner reports while it works. `--format json` writes one event per line
/// (JSON Lines) with an `event` key naming the case; the text report prints progress.
public enum RunEvent: Sendable, Equatable, Encodable {
    case runnerWaiting(RunnerWaiting)
    /// A standby marked optional could not be reached (or was lost): the run goes on
    /// without checking it.
    case standbySkipped(StandbySkipped)
    case migrationStarted(MigrationStarted)
    case statementPredicted(StatementPredicted)
    case waiting(Waiting)
    /// Each time the gate looks again while it waits: for live progress displays. Not
    /// written in JSON Lines (it comes every `--check-interval`).
    case stillWaiting(Waiting)
    case attemptFailed(AttemptFailed)
    case invalidIndexDropped(InvalidIndexDropped)
    /// A concurrent index build, past its queue wait, now waits for other transactions to
    /// end (written once per phase and set of sessions): the runner sits it out.
    case buildWaiting(BuildWaiting)
    case statementDone(StatementDone)
    case migrationDone(MigrationDone)
    case summary(RunSummary)

    /// The event's name in JSON: `migration_started`, `statement_predicted`, …
    public var name: String {
        switch self {
        case .runnerWaiting: "runner_waiting"
        case .standbySkipped: "standby_skipped"
        case .migrationStarted: "migration_started"
        case .statementPredicted: "statement_predicted"
        case .waiting: "waiting"
        case .stillWaiting: "still_waiting"
        case .attemptFailed: "attempt_failed"
        case .invalidIndexDropped: "invalid_index_dropped"
        case .buildWaiting: "build_waiting"
        case .statementDone: "statement_done"
        case .migrationDone: "migration_done"
        case .summary: "summary"
        }
    }

    private enum EventKey: String, CodingKey { case event }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: EventKey.self)
        try container.encode(name, forKey: .event)
        switch self {
        case .runnerWaiting(let payload): try payload.encode(to: encoder)
        case .standbySkipped(let payload): try payload.encode(to: encoder)
        case .migrationStarted(let payload): try payload.encode(to: encoder)
        case .statementPredicted(let payload): try payload.encode(to: encoder)
        case .waiting(let payload), .stillWaiting(let payload): try payload.encode(to: encoder)
        case .attemptFailed(let payload): try payload.encode(to: encoder)
        case .invalidIndexDropped(let payload): try payload.encode(to: encoder)
        case .buildWaiting(let payload): try payload.encode(to: encoder)
        case .statementDone(let payload): try payload.encode(to: encoder)
        case .migrationDone(let payload): try payload.encode(to: encoder)
        case .summary(let payload): try payload.encode(to: encoder)
        }
    }
}

/// Where in a migration something happened: the file, and the statement's first token.
public struct StatementPosition: Sendable, Equatable, Encodable, CustomStringConvertible {
    public let version: String
    public let file: String
    public let line: Int
    public let column: Int
    /// 1-based index of the statement in its file.
    public let statement: Int

    public var description: String { "\(file):\(line):\(column)" }
}

extension RunEvent {
    /// Another runner holds the run lock and this one waits for it.
    public struct RunnerWaiting: Sendable, Equatable, Encodable {
        public let holder: String
        public let waitedSeconds: Double
        enum CodingKeys: String, CodingKey {
            case holder
            case waitedSeconds = "waited_seconds"
        }
    }

    /// An optional standby left out of the run's checks.
    public struct StandbySkipped: Sendable, Equatable, Encodable {
        /// The standby's redacted connection string.
        public let standby: String
        /// Why, as libpq or the server said it (passwords scrubbed).
        public let message: String
    }

    public struct MigrationStarted: Sendable, Equatable, Encodable {
        public let version: String
        public let name: String
        public let file: String
        /// Whether the file runs in one transaction (else unit by unit).
        public let transactional: Bool
        public let statements: Int
        /// Statements already applied by an earlier run that was cut off (files of more than
        /// one unit only): those of the units it committed. The run resumes after them.
        public let resumeAfter: Int
        /// How many units the file runs in (see ``ExecutionUnit``): 1 for a file in one
        /// transaction.
        public let units: Int
        enum CodingKeys: String, CodingKey {
            case version, name, file, transactional, statements, units
            case resumeAfter = "resume_after"
        }
    }

    /// The prediction gate's verdict before sending a statement (or an attempt).
    public struct StatementPredicted: Sendable, Equatable, Encodable {
        public let position: StatementPosition
        public let verdict: GateAssessment.Verdict
        public let predictions: [LockWaitPrediction]
        public let blockers: [GateBlocker]
        /// For a `CONCURRENTLY` statement, what it would wait for between its own
        /// transactions, phase by phase (only written for those statements).
        public var concurrentWaits: [ConcurrentWait]? = nil
        enum CodingKeys: String, CodingKey {
            case position, verdict, predictions, blockers
            case concurrentWaits = "concurrent_waits"
        }

        public init(
            position: StatementPosition, verdict: GateAssessment.Verdict, predictions: [LockWaitPrediction],
            blockers: [GateBlocker], concurrentWaits: [ConcurrentWait]? = nil
        ) {
            self.position = position
            self.verdict = verdict
            self.predictions = predictions
            self.blockers = blockers
            self.concurrentWaits = concurrentWaits
        }

        /// Writes `concurrent_waits` only for `CONCURRENTLY` statements.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(position, forKey: .position)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(predictions, forKey: .predictions)
            try container.encode(blockers, forKey: .blockers)
            try container.encodeIfPresent(concurrentWaits, forKey: .concurrentWaits)
        }
    }

    /// The runner does not send the statement: it would queue behind a long transaction.
    /// Emitted when the wait starts and whenever the blockers change.
    public struct Waiting: Sendable, Equatable, Encodable {
        public let position: StatementPosition
        public let relation: String
        public let mode: LockMode
        public let blockers: [GateBlocker]
        public let waitedSeconds: Double
        public let nextCheckMilliseconds: Int64
        enum CodingKeys: String, CodingKey {
            case position, relation, mode, blockers
            case waitedSeconds = "waited_seconds"
            case nextCheckMilliseconds = "next_check_ms"
        }
    }

    public struct AttemptFailed: Sendable, Equatable, Encodable {
        public let position: StatementPosition
        public let attempt: Int
        public let sqlState: String?
        public let message: String
        /// Sleep before the next attempt; nil when the run stops.
        public let retryInMilliseconds: Int64?
        enum CodingKeys: String, CodingKey {
            case position, attempt, message
            case sqlState = "sqlstate"
            case retryInMilliseconds = "retry_in_ms"
        }
    }

    /// An INVALID index that this runner's failed `CREATE INDEX CONCURRENTLY` left, dropped.
    public struct InvalidIndexDropped: Sendable, Equatable, Encodable {
        public let position: StatementPosition
        public let index: String
    }

    /// What a concurrent index build waits for once it is past its queue wait.
    public struct BuildWaiting: Sendable, Equatable, Encodable {
        public let position: StatementPosition
        /// `pg_stat_progress_create_index.phase`, such as `waiting for old snapshots`; nil
        /// when the build reports no progress yet.
        public let phase: String?
        /// The backends it waits for (`pg_blocking_pids`; 0 for a prepared transaction).
        public let blockers: [Int32]

        /// Writes every key, `phase` as null when unknown.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(position, forKey: .position)
            try container.encode(phase, forKey: .phase)
            try container.encode(blockers, forKey: .blockers)
        }

        enum CodingKeys: String, CodingKey { case position, phase, blockers }
    }

    public struct StatementDone: Sendable, Equatable, Encodable {
        public let position: StatementPosition
        public let durationMilliseconds: Int64
        public let attempts: Int
        enum CodingKeys: String, CodingKey {
            case position, attempts
            case durationMilliseconds = "duration_ms"
        }
    }

    public struct MigrationDone: Sendable, Equatable, Encodable {
        public let version: String
        public let name: String
        public let durationMilliseconds: Int64
        public let attempts: Int
        public let lockWaitMilliseconds: Int64
        enum CodingKeys: String, CodingKey {
            case version, name, attempts
            case durationMilliseconds = "duration_ms"
            case lockWaitMilliseconds = "lock_wait_ms"
        }
    }
}

/// The end of a run.
public struct RunSummary: Sendable, Equatable, Encodable {
    public enum Outcome: String, Sendable, Encodable {
        /// Every pending migration was applied (or none was pending).
        case ok
        /// A migration failed; see `message`.
        case failed
        /// The run gave up waiting for locks.
        case gaveUp = "gave_up"
        /// SIGINT or SIGTERM.
        case interrupted
    }

    public let outcome: Outcome
    /// Versions applied in this run.
    public let applied: [String]
    /// Versions still pending.
    public let pending: [String]
    public let durationMilliseconds: Int64
    public let lockWaitMilliseconds: Int64
    /// What went wrong, for any outcome but `ok`.
    public let message: String?

    enum CodingKeys: String, CodingKey {
        case outcome, applied, pending, message
        case durationMilliseconds = "duration_ms"
        case lockWaitMilliseconds = "lock_wait_ms"
    }
}
