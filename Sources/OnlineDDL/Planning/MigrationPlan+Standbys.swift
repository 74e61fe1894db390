import OnlineDDLLocking
import OnlineDDLPostgres

extension MigrationPlan {
    /// What replaying a statement's ACCESS EXCLUSIVE lock would do on one hot standby: the
    /// standby's startup process takes the lock (standby.c `StandbyAcquireAccessExclusiveLock`)
    /// behind every session there holding a lock on the relations, all replay waits, and
    /// every later reader of the relations on the standby queues behind it.
    public struct StandbyPrediction: Codable, Sendable, Equatable {
        /// The standby, as its connection string without a password.
        public let standby: String
        /// Whether `apply --standby` would hold the statement back for this standby
        /// (``StandbyAssessment/mustWait``).
        public let wait: Bool
        /// What replay would wait for there (holders of a lock on the relations, a startup
        /// process already waiting, paused or lagging replay), long ones first.
        public let blockers: [GateBlocker]

        /// The prediction of one standby's assessment.
        public init(_ assessment: StandbyAssessment) {
            standby = assessment.standby
            wait = assessment.mustWait
            blockers = assessment.blockers
        }
    }

    /// The plan with each standby's prediction on every statement that takes ACCESS
    /// EXCLUSIVE on relations of the database (`databaseID`, as the primary names it: a
    /// physical standby's OIDs are the primary's), one read of each standby per statement
    /// (``StandbySnapshot/read(from:databaseID:relationIDs:)``, which opens no relation),
    /// judged by the rules of apply's gate.
    public func predictingStandbys(
        _ standbys: [(name: String, connection: Connection)], databaseID: UInt32, rules: StandbyAssessment.Rules
    ) throws(PostgresError) -> MigrationPlan {
        guard !standbys.isEmpty else { return self }
        var plan = self
        for migration in plan.migrations.indices {
            for index in plan.migrations[migration].statements.indices {
                let statement = plan.migrations[migration].statements[index]
                let relations = statement.locks.filter { $0.mode == .accessExclusive }.compactMap(\.relationID)
                guard !relations.isEmpty else { continue }
                var predictions: [StandbyPrediction] = []
                for standby in standbys {
                    let snapshot = try StandbySnapshot.read(from: standby.connection, databaseID: databaseID, relationIDs: relations)
                    predictions.append(StandbyPrediction(StandbyAssessment.assess(snapshot, standby: standby.name, rules: rules)))
                }
                plan.migrations[migration].statements[index].standbys = predictions
            }
        }
        return plan
    }
}
