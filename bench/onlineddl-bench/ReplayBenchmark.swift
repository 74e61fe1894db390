import OnlineDDL
import SeededRandom

/// Rebuilding lock queues from a 10,000-row pg_locks snapshot (1,000 sessions, 100
/// relations; holders plus waiters in waitstart order) through the simulator.
///
/// Anchor: sorting the same 10,000 rows by object key and session, the least work any
/// queue reconstruction must do, measured in the same process.
struct ReplayBenchmark {
    let rows = 10_000
    let sessions = 1_000
    let objects = 100

    func run() -> [String] {
        let snapshot = makeSnapshot()
        var table: LiveLockTable?
        let replaySeconds = Stopwatch.best(of: 10) {
            table = LiveLockTable(snapshot: snapshot)
            consume(table)
        }
        let anchorSeconds = Stopwatch.best(of: 10) {
            consume(snapshot.locks.sorted { ($0.tag.key, $0.session) < ($1.tag.key, $1.session) })
        }
        let waiting = snapshot.locks.filter { !$0.granted }.count
        return [
            "replay:    \(snapshot.locks.count) pg_locks rows (\(rows - waiting) held, \(waiting) waiting) over \(sessions) sessions and \(objects) relations; \(table?.unplacedWaiters.count ?? 0) waiters not placed by the rules",
            "replay:    \(Format.milliseconds(replaySeconds)) (best of 10); target < 20 ms: \(replaySeconds < 0.020 ? "met" : "NOT MET")",
            "anchor:    \(Format.milliseconds(anchorSeconds)) to sort the rows",
            "ratio:     replay/anchor = \(Format.ratio(replaySeconds / anchorSeconds))",
        ]
    }

    /// A busy-server snapshot: every session holds weak locks (SELECT/INSERT/UPDATE) on
    /// nine relations, then random sessions ask for more locks (one in ten in a strong mode), which the rules
    /// grant or queue (behind holders, or softly behind queued strong requests).
    private func makeSnapshot() -> LockSnapshot {
        var random = SplitMix64(seed: 7)
        var simulator = LockSimulator(postgresVersion: 17)
        let weakModes: [LockMode] = [.accessShare, .rowShare, .rowExclusive]
        let sessionIDs = (1...sessions).map { simulator.sessionID(for: "\($0)/1") }
        let objectIDs = (1...objects).map { simulator.objectID(for: "0:\($0)") }
        for session in sessionIDs {
            for object in objectIDs.shuffled(using: &random).prefix(9) {
                _ = simulator.acquire(session, on: object, mode: weakModes.randomElement(using: &random)!)
            }
        }
        var waitOrder: [String: Double] = [:]
        var clock = 1_000_000.0
        var rowCount = simulator.locks().count
        while rowCount < rows {
            let session = sessionIDs.randomElement(using: &random)!
            guard !simulator.isWaiting(session) else { continue }
            let strong = Int.random(in: 0..<10, using: &random) == 0
            let mode = strong ? LockMode.allCases.randomElement(using: &random)! : weakModes.randomElement(using: &random)!
            let object = objectIDs.randomElement(using: &random)!
            let alreadyHeld = simulator.heldModes(of: simulator.name(of: session), on: simulator.name(of: object)).contains(mode)
            clock += 0.001
            switch simulator.acquire(session, on: object, mode: mode) {
            case .granted: rowCount += alreadyHeld ? 0 : 1
            case .waiting: rowCount += 1; waitOrder[simulator.name(of: session)] = clock
            case .deadlock, .notAvailable: break
            }
        }
        let locks = simulator.locks().map { row in
            LockSnapshot.Lock(
                tag: LockTag(type: "relation", key: row.object, relationName: "public.t\(row.object.dropFirst(2))"),
                session: row.session, pid: Int32(row.session.split(separator: "/")[0])! + 10_000, mode: row.mode,
                granted: row.granted, waitStart: row.granted ? nil : waitOrder[row.session]
            )
        }
        return LockSnapshot(locks: locks.shuffled(using: &random), activity: [:], takenAt: clock, serverVersion: 170_000)
    }
}
