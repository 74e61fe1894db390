import OnlineDDLMigrations

/// What `adopt` or `baseline` records in onlineddl's history, worked out from the folder's
/// migrations and what the history already has, without a database:
/// - `recorded`: migrations to record as applied (the checksum of today's file, the other
///   tool's time where it has one);
/// - `alreadyRecorded`: versions onlineddl's history has already (recorded by an earlier
///   adopt, baseline or apply), left as they are, so running it again changes nothing;
/// - `pending`: files the other tool never applied, which the next `apply` runs;
/// - `changed`: files whose contents differ from the checksum the other tool stored;
/// - `problems`: why nothing may be recorded.
public struct AdoptionPlan: Sendable, Equatable {
    public let origin: HistoryOrigin
    public private(set) var recorded: [AdoptedMigration] = []
    public private(set) var alreadyRecorded: [String] = []
    public private(set) var pending: [String] = []
    public private(set) var changed: [AdoptionChange] = []
    public private(set) var problems: [AdoptionProblem] = []

    /// Matches another tool's history to the folder's migrations (in version order).
    public init(adopting history: ForeignHistory, migrations: [PreparedMigration], records: [String: HistoryRecord]) {
        origin = .adopted(history.source)
        problems = history.problems.map { problem in
            guard case .dirty(let version, nil) = problem else { return problem }
            let before = migrations.last { MigrationFile.numericOrder($0.file.version, version) }
            return .dirty(version: version, previous: before.map { $0.file.canonicalVersion } ?? "-1")
        }
        let names = Dictionary(migrations.map { ($0.file.canonicalVersion, $0.file.name) }) { first, _ in first }
        let versions = Set(names.keys)
        var applied: [String: ForeignMigration] = [:]
        for migration in history.applied {
            let canonical = MigrationFile.canonical(migration.version)
            guard let fileName = names[canonical] else {
                problems.append(.noFile(history.source, row: migration.row, version: migration.version))
                continue
            }
            if let name = migration.name, name != fileName {
                problems.append(.otherName(history.source, row: migration.row, file: "\(migration.version)_\(fileName)"))
                continue
            }
            applied[canonical] = migration
        }
        if let through = history.appliedThrough {
            if through.requiresFile, !versions.contains(MigrationFile.canonical(through.version)) {
                problems.append(.noFile(history.source, row: through.row, version: through.version))
            }
            for migration in migrations where !MigrationFile.numericOrder(through.version, migration.file.version) {
                let canonical = migration.file.canonicalVersion
                if applied[canonical] == nil { applied[canonical] = ForeignMigration(version: migration.file.version, row: through.row) }
            }
        }
        for migration in migrations {
            let canonical = migration.file.canonicalVersion
            if let record = records[canonical] {
                if !record.isComplete, applied[canonical] != nil {
                    problems.append(.conflictingRecord(
                        version: migration.file.version,
                        reason: "partly applied by onlineddl (\(record.statementsApplied) of \(record.statementsTotal) statements), "
                            + "though \(history.source) applied it too"))
                }
                alreadyRecorded.append(migration.file.version)
            } else if let foreign = applied[canonical] {
                if let checksum = foreign.checksum, !checksum.matches(migration.file.contents) {
                    changed.append(AdoptionChange(
                        version: migration.file.version, file: migration.file.path, recorded: checksum.stored,
                        current: checksum.current(migration.file.contents)))
                }
                recorded.append(AdoptedMigration(migration, appliedAt: foreign.appliedAt))
            } else {
                pending.append(migration.file.version)
            }
        }
    }

    /// Records every migration up to `version` as applied, for a database built without a
    /// tool (from a dump). Refused when no file has `version`, or when onlineddl's history
    /// has a version after it, or one up to it partly applied or with another checksum.
    public init(baselineAt version: String, migrations: [PreparedMigration], records: [String: HistoryRecord]) {
        origin = .baseline
        let baseline = MigrationFile.canonical(version)
        guard migrations.contains(where: { $0.file.canonicalVersion == baseline }) else {
            problems = [.noBaselineFile(version: version)]
            return
        }
        for migration in migrations {
            let record = records[migration.file.canonicalVersion]
            if MigrationFile.numericOrder(version, migration.file.version) {
                if record != nil { problems.append(.recordedBeyondBaseline(version: migration.file.version, baseline: version)) }
                pending.append(migration.file.version)
            } else if let record {
                if !record.isComplete {
                    problems.append(.conflictingRecord(
                        version: migration.file.version,
                        reason: "partly applied (\(record.statementsApplied) of \(record.statementsTotal) statements)"))
                } else if record.checksum != migration.checksum {
                    problems.append(.conflictingRecord(version: migration.file.version, reason: "with another checksum (the file changed since)"))
                }
                alreadyRecorded.append(migration.file.version)
            } else {
                recorded.append(AdoptedMigration(migration, appliedAt: nil))
            }
        }
        let versions = Set(migrations.map(\.file.canonicalVersion))
        for record in records.values.sorted(by: { MigrationFile.numericOrder($0.version, $1.version) })
        where !versions.contains(record.version) && MigrationFile.numericOrder(version, record.version) {
            problems.append(.recordedBeyondBaseline(version: record.version, baseline: version))
        }
    }
}

/// A migration `adopt` or `baseline` records as applied without running it.
public struct AdoptedMigration: Sendable, Equatable, Encodable {
    public let version: String
    public let name: String
    public let file: String
    /// SHA-256 of today's file: what apply's drift check compares with from now on.
    public let checksum: String
    /// When the other tool applied it, `YYYY-MM-DDTHH:MM:SSZ`; nil: the time of recording.
    public let appliedAt: String?
    public let statements: Int

    init(_ migration: PreparedMigration, appliedAt: String?) {
        version = migration.file.version
        name = migration.file.name
        file = migration.file.path
        checksum = migration.checksum
        self.appliedAt = appliedAt
        statements = migration.script.statements.count
    }

    enum CodingKeys: String, CodingKey {
        case version, name, file, checksum, statements
        case appliedAt = "applied_at"
    }
}

/// A file that differs from the checksum the other tool stored when it applied it.
public struct AdoptionChange: Sendable, Equatable, Encodable {
    public let version: String
    public let file: String
    /// The other tool's checksum, as its table shows it.
    public let recorded: String
    /// The same checksum of today's file.
    public let current: String
}
