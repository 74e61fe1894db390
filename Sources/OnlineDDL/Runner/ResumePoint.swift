import OnlineDDLAnalysis

/// Where a migration resumes after an earlier run was cut off: at the first unit its
/// history row does not record as applied. A unit commits with its history progress, so
/// the first unit not recorded as applied is the first one not committed.
struct ResumePoint: Equatable {
    /// The units still to run, in order.
    let pending: ArraySlice<ExecutionUnit>
    /// The statements already applied, those of the committed units: `resume_after`.
    let resumeAfter: Int

    /// `units` of a file of `statementCount` statements whose first `applied` are recorded.
    init(units: [ExecutionUnit], statementsApplied applied: Int, statementCount: Int) {
        pending = units.drop { !$0.statements.isEmpty && $0.statements.upperBound <= applied }
        resumeAfter = pending.first?.statements.lowerBound ?? statementCount
    }
}
