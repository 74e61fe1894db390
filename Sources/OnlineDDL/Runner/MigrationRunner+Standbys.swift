import OnlineDDLLocking
import OnlineDDLPostgres

/// A session on a hot standby the gate checks.
struct StandbyLink {
    let target: StandbyTarget
    let connection: Connection
}

extension MigrationRunner {
    /// Opens a session on each standby (with the gate on): one that cannot be reached, or
    /// is no standby, fails the run, unless it is optional (then it is reported and left out). Reads the
    /// database's OID on the primary: a physical standby's relations have the primary's OIDs.
    func connectStandbys(control: Connection) throws(RunFailure) {
        standbyLinks = []
        // Without the gate (--no-predict) nothing would read them.
        guard !configuration.standbys.isEmpty, configuration.predict else { return }
        databaseID = try database { () throws(PostgresError) in
            UInt32(try control.query("SELECT oid::int8 AS oid FROM pg_database WHERE datname = current_database()")
                .rows[0].decode("oid", as: Int64.self))
        }
        for target in configuration.standbys {
            do throws(PostgresError) {
                standbyLinks.append(StandbyLink(target: target, connection: try target.open()))
            } catch {
                try lose(target, error)
            }
        }
    }

    /// The gate's look at every standby before `locks`, or none when they take ACCESS
    /// EXCLUSIVE on no existing relation. Forgets the last commit's replay position once
    /// every standby has replayed it.
    func lookAtStandbys(_ locks: [RelationLock]) throws(RunFailure) -> [StandbyAssessment] {
        let relationIDs = Self.accessExclusiveRelations(locks)
        guard !relationIDs.isEmpty, !standbyLinks.isEmpty else { return [] }
        let rules = StandbyAssessment.Rules(
            longTransactionAge: configuration.longTransactionAge.seconds, maxReplayLag: configuration.maxReplayLag.seconds,
            replayTarget: replayTarget, queryTexts: configuration.queryTexts)
        var looks: [StandbyAssessment] = []
        var allReplayed = true
        for link in standbyLinks {
            let snapshot: StandbySnapshot
            do {
                snapshot = try StandbySnapshot.read(from: link.connection, databaseID: databaseID, relationIDs: relationIDs)
            } catch {
                try lose(link.target, error)
                standbyLinks.removeAll { $0.target.name == link.target.name }
                continue
            }
            if let target = replayTarget,
               !(snapshot.replayedUpTo.map { target.isReplayed(byReplayAt: $0, pageSize: snapshot.walPageSize) } ?? false) {
                allReplayed = false
            }
            looks.append(StandbyAssessment.assess(snapshot, standby: link.target.name, rules: rules))
        }
        if allReplayed { replayTarget = nil }
        return looks
    }

    /// After a unit that took `locks` committed: when any is ACCESS EXCLUSIVE on an existing
    /// relation, the primary's insert position now (past the commit record, which with
    /// `synchronous_commit = off` may not be flushed yet) is what each standby must replay
    /// before the next such statement is sent.
    func committed(_ locks: [RelationLock], control: Connection) throws(RunFailure) {
        guard !standbyLinks.isEmpty, !Self.accessExclusiveRelations(locks).isEmpty else { return }
        replayTarget = try database { () throws(PostgresError) in
            try control.query("SELECT pg_current_wal_insert_lsn()::text AS lsn").rows[0].decode("lsn", as: WALPosition.self)
        }
    }

    /// The OIDs of the relations `locks` take in ACCESS EXCLUSIVE mode.
    private static func accessExclusiveRelations(_ locks: [RelationLock]) -> [UInt32] {
        Array(Set(locks.filter { $0.mode == .accessExclusive }.compactMap(\.relationID))).sorted()
    }

    /// A standby that failed: reported and left out when optional, else the run's failure.
    private func lose(_ target: StandbyTarget, _ error: PostgresError) throws(RunFailure) {
        guard target.isOptional else { throw .standbyUnavailable(standby: target.name, error) }
        emit(.standbySkipped(.init(standby: target.name, message: error.message)))
    }
}
