import OnlineDDL
import SeededRandom

/// Acquire/release operations per second in the simulator: 1,000 sessions over 100 objects,
/// nine in ten requests in the modes of SELECT/INSERT/UPDATE and one in ten in any mode,
/// one in five operations a release (COMMIT), one core.
///
/// Anchor: `Dictionary<Int, Int>` insert-then-remove pairs per second in the same process,
/// a stand-in for "one hash-table update", so the ratio travels across machines.
struct SimulatorBenchmark {
    let sessions = 1_000
    let objects = 100
    let operations = 2_000_000

    func run() -> [String] {
        var random = SplitMix64(seed: 42)
        let weakModes: [LockMode] = [.accessShare, .rowShare, .rowExclusive]
        let plan: [(session: Int, object: Int, mode: LockMode, release: Bool)] = (0..<operations).map { _ in
            (Int.random(in: 0..<sessions, using: &random), Int.random(in: 0..<objects, using: &random),
             Int.random(in: 0..<10, using: &random) == 0
                 ? LockMode.allCases.randomElement(using: &random)! : weakModes.randomElement(using: &random)!,
             Int.random(in: 0..<5, using: &random) == 0)
        }
        var template = LockSimulator(postgresVersion: 17)
        let sessionIDs = (0..<sessions).map { template.sessionID(for: "s\($0)") }
        let objectIDs = (0..<objects).map { template.objectID(for: "t\($0)") }

        var counts = (granted: 0, waiting: 0, other: 0, releases: 0)
        let simulatorSeconds = Stopwatch.best(of: 5) {
            var simulator = template
            counts = (0, 0, 0, 0)
            for step in plan {
                let session = sessionIDs[step.session]
                if step.release || simulator.isWaiting(session) {
                    consume(simulator.releaseAll(session))
                    counts.releases += 1
                } else {
                    switch simulator.acquire(session, on: objectIDs[step.object], mode: step.mode) {
                    case .granted: counts.granted += 1
                    case .waiting: counts.waiting += 1
                    case .deadlock, .notAvailable: counts.other += 1
                    }
                }
            }
            consume(simulator)
        }
        let keys = plan.map { $0.session &* 131 &+ $0.object }
        let anchorSeconds = Stopwatch.best(of: 5) {
            var dictionary: [Int: Int] = [:]
            dictionary.reserveCapacity(sessions)
            for key in keys {
                dictionary[key] = key
                dictionary[key &+ 1] = nil
            }
            consume(dictionary)
        }
        let simulatorRate = Double(operations) / simulatorSeconds
        let anchorRate = Double(operations) / anchorSeconds
        return [
            "simulator: \(operations) operations (\(counts.granted) granted, \(counts.waiting) queued, \(counts.other) deadlock, \(counts.releases) releases) over \(sessions) sessions and \(objects) objects",
            "simulator: \(Format.rate(simulatorRate)) operations/s (best of 5, \(Format.milliseconds(simulatorSeconds)))",
            "anchor:    \(Format.rate(anchorRate)) Dictionary insert+remove pairs/s",
            "ratio:     simulator/anchor = \(Format.ratio(simulatorRate / anchorRate)); target >= 2,000,000 operations/s: \(simulatorRate >= 2_000_000 ? "met" : "NOT MET")",
        ]
    }
}
