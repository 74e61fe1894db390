import Foundation
import OnlineDDL
import Testing
import SeededRandom

/// Random multi-session lock scenarios, played on the real server and in the simulator;
/// after every step the two lock tables and the errors must be identical.
///
/// `ONLINEDDL_DIFFERENTIAL_SCENARIOS` sets how many scenarios run (default 300) and
/// `ONLINEDDL_DIFFERENTIAL_SEED` the first seed (default fixed, so CI is repeatable);
/// `bench/simulator-soak` runs thousands with random seeds.
@Suite("Integration: simulator versus real server, step by step", .serialized)
struct LockDifferentialTests {
    static var scenarioCount: Int {
        ProcessInfo.processInfo.environment["ONLINEDDL_DIFFERENTIAL_SCENARIOS"].flatMap { Int($0) } ?? 300
    }

    static var firstSeed: UInt64 {
        ProcessInfo.processInfo.environment["ONLINEDDL_DIFFERENTIAL_SEED"].flatMap { UInt64($0) } ?? 20_261_122
    }

    @Test func simulatorMatchesTheServer() throws {
        let server = try RealLockScenario(sessionCount: 5, tableCount: 2)
        defer { server.dropTables() }
        let version = try TestDatabase.connect().serverVersion / 10000
        var mismatches: [String] = []
        var steps = 0
        var waits = 0
        var errorCounts: [String: Int] = [:]
        for index in 0..<Self.scenarioCount {
            let seed = Self.firstSeed &+ UInt64(index)
            var random = SplitMix64(seed: seed)
            let sessionCount = Int.random(in: 2...5, using: &random)
            let tableCount = Int.random(in: 1...2, using: &random)
            let stepCount = Int.random(in: 4...14, using: &random)
            var actions: [ScenarioAction] = []
            var observed: [ObservedState] = []
            for _ in 0..<stepCount {
                let action = try Self.nextAction(server: server, sessions: sessionCount, tables: tableCount, using: &random)
                actions.append(action)
                observed.append(try server.perform(action))
            }
            try server.reset()
            steps += actions.count
            for state in observed {
                waits += state.rows.filter { $0.hasSuffix("waiting") }.count
                for code in state.errors.values { errorCounts[code, default: 0] += 1 }
            }

            let scenario = LockScenario(postgresVersion: version, steps: actions.map(Self.step))
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let json = String(decoding: try encoder.encode(scenario), as: UTF8.self)
            do {
                let simulated = try scenario.run().states.map(Self.state)
                if let step = simulated.indices.first(where: { simulated[$0] != observed[$0] }) {
                    mismatches.append("seed \(seed), step \(step + 1): server \(observed[step]) but simulator \(simulated[step])")
                }
            } catch {
                // The simulator's state diverged so far that it rejects what the server did.
                mismatches.append("seed \(seed): simulator rejects the server's scenario: \(error)")
            }
            if mismatches.last?.hasPrefix("seed \(seed)") == true {
                mismatches[mismatches.count - 1] += "\nreplay: echo '\(json)' | onlineddl simulate -"
                if mismatches.count >= 5 { break }
            }
        }
        let errors = errorCounts.sorted { $0.key < $1.key }.map { "\($0.key)×\($0.value)" }.joined(separator: " ")
        print("differential: \(Self.scenarioCount) scenarios, \(steps) steps on PostgreSQL \(version), \(waits) waiting rows, errors \(errors); \(mismatches.count) mismatching")
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    /// Picks a step any real session could take now: a lock or release by a session that
    /// is not queued, or a cancel of one that is.
    static func nextAction(
        server: RealLockScenario, sessions: Int, tables: Int, using random: inout SplitMix64
    ) throws -> ScenarioAction {
        let waiting = try (0..<sessions).filter { try server.isWaiting($0) }
        let free = (0..<sessions).filter { !waiting.contains($0) }
        if free.isEmpty || (!waiting.isEmpty && Int.random(in: 0..<10, using: &random) == 0) {
            return .cancel(session: waiting.randomElement(using: &random)!)
        }
        let session = free.randomElement(using: &random)!
        if Int.random(in: 0..<5, using: &random) == 0 {
            return .release(session: session)
        }
        return .lock(
            session: session,
            table: Int.random(in: 0..<tables, using: &random),
            mode: LockMode.allCases.randomElement(using: &random)!,
            noWait: Int.random(in: 0..<6, using: &random) == 0
        )
    }

    private static func step(_ action: ScenarioAction) -> LockScenarioStep {
        switch action {
        case .lock(let session, let table, let mode, let noWait):
            LockScenarioStep(session: "s\(session + 1)", lock: "t\(table + 1)", mode: mode.pgLocksName, noWait: noWait ? true : nil)
        case .release(let session):
            LockScenarioStep(session: "s\(session + 1)", release: true)
        case .cancel(let session):
            LockScenarioStep(session: "s\(session + 1)", cancel: true)
        }
    }

    private static func state(_ state: LockScenarioState) -> ObservedState {
        ObservedState(
            rows: state.locks.map { "\($0.session) \($0.object) \($0.mode.pgLocksName) \($0.granted ? "granted" : "waiting")" }.sorted(),
            errors: state.errors
        )
    }
}
