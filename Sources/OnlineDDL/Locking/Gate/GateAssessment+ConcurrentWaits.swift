import OnlineDDLSupport

extension GateAssessment {
    /// The gate's verdict on the transactions a `CONCURRENTLY` statement would wait for
    /// between its own transactions (``ConcurrentWaitPredictor``: writers of the table, older
    /// snapshots of the database, lockers of the table), the same rule as for a lock queue:
    /// a prepared transaction, a transaction older than `longTransactionAge` seconds, or one
    /// idle in transaction for `idleGrace` seconds or more is long, and the runner does not
    /// start the statement while one exists (`wait`); young running ones it lets the
    /// statement wait for (`proceed`). The statement itself never queues anyone while it
    /// waits for them, but a build that has begun would wait for them however long they
    /// last, holding its table's SHARE UPDATE EXCLUSIVE lock all the while.
    public static func assess(
        _ waits: [ConcurrentWait], longTransactionAge: Double, idleGrace: Double = defaultIdleGrace
    ) -> GateAssessment {
        var seen: Set<String> = []
        var blockers: [GateBlocker] = []
        for wait in waits {
            for session in wait.sessions where seen.insert(session.pid.map { "pid \($0)" } ?? session.preparedTransaction ?? "").inserted {
                blockers.append(blocker(session, phase: wait.phase, longTransactionAge: longTransactionAge, idleGrace: idleGrace))
            }
        }
        blockers.sort { $0.isLong && !$1.isLong }
        let verdict: Verdict = blockers.isEmpty ? .clear : blockers.contains(where: \.isLong) ? .wait : .proceed
        return GateAssessment(verdict: verdict, predictions: [], blockers: blockers)
    }

    private static func blocker(
        _ session: WaitedSession, phase: ConcurrentWaitPhase, longTransactionAge: Double, idleGrace: Double
    ) -> GateBlocker {
        let age = session.transactionAgeSeconds ?? 0
        let idle = session.state?.hasPrefix("idle in transaction") == true
        let isLong = session.preparedTransaction != nil || age >= longTransactionAge || (idle && age >= idleGrace)
        let ageText = session.transactionAgeSeconds.map { " for \(DurationText.human(.seconds($0)))" } ?? ""
        return GateBlocker(
            pid: session.pid, applicationName: session.applicationName, user: nil, state: session.state,
            transactionAgeSeconds: session.transactionAgeSeconds, query: nil, isLong: isLong,
            reason: "\(phase.rawValue): \(session.explanation)\(ageText)")
    }
}
