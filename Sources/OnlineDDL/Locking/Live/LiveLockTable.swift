/// A live snapshot replayed through ``LockSimulator``: every object's holders and its wait
/// queue in PostgreSQL's order, and who waits for whom, including soft waits (behind a
/// queued request), which `pg_locks` alone does not show.
///
/// Replay order: every granted lock first, then every waiting request in the order it
/// started waiting, each placed by PostgreSQL's queue-insertion rule. The waiting order is
/// `pg_locks.waitstart` (PostgreSQL 14+); on older servers, or while `waitstart` is still
/// NULL (a moment after a wait begins), it falls back to the waiting statement's
/// `query_start`, then to the pid.
public struct LiveLockTable: Sendable {
    /// A session holding locks on an object.
    public struct Holder: Sendable, Equatable {
        /// `pg_locks.virtualtransaction`.
        public let session: String
        /// Nil for a prepared transaction.
        public let pid: Int32?
        public let modes: [LockMode]
    }

    /// A queued request, with the sessions it waits for.
    public struct Waiter: Sendable, Equatable {
        public let session: String
        public let pid: Int32?
        public let mode: LockMode
        /// Sessions holding a conflicting mode.
        public let hardBlockers: [String]
        /// Sessions queued ahead with a conflicting request: a soft wait.
        public let softBlockers: [String]
    }

    /// One lockable object with its holders and its queue, front first.
    public struct ObjectQueue: Sendable, Equatable {
        public let tag: LockTag
        public let holders: [Holder]
        public let waiters: [Waiter]
    }

    public let snapshot: LockSnapshot
    /// How ``session(_:)`` shows each session's query.
    public let queryTexts: QueryTextPolicy
    /// The replayed lock table: sessions are named by `virtualtransaction`, objects by
    /// ``LockTag/key``.
    public let simulator: LockSimulator
    /// Waiting requests that PostgreSQL's rules would have granted at once in the replay;
    /// they are queued at the end (the snapshot caught a moment the replay cannot rebuild).
    public let unplacedWaiters: [String]

    private let tags: [String: LockTag]
    private let pids: [String: Int32]

    /// Replays `snapshot`; reports show its queries as `queryTexts` says.
    public init(snapshot: LockSnapshot, queryTexts: QueryTextPolicy = .shown) {
        var simulator = LockSimulator(postgresVersion: snapshot.serverVersion / 10000)
        var tags: [String: LockTag] = [:]
        var pids: [String: Int32] = [:]
        for lock in snapshot.locks {
            tags[lock.tag.key] = lock.tag
            if let pid = lock.pid { pids[lock.session] = pid }
        }
        for lock in snapshot.locks where lock.granted {
            simulator.recordHeld(
                simulator.sessionID(for: lock.session), on: simulator.objectID(for: lock.tag.key), mode: lock.mode,
                fastPath: lock.fastPath)
        }
        var unplaced: [String] = []
        for lock in Self.inWaitingOrder(snapshot.locks.filter { !$0.granted }, activity: snapshot.activity) {
            let session = simulator.sessionID(for: lock.session)
            guard !simulator.isWaiting(session) else { continue }
            if !simulator.recordWaiting(session, on: simulator.objectID(for: lock.tag.key), mode: lock.mode) {
                unplaced.append(lock.session)
            }
        }
        self.snapshot = snapshot
        self.queryTexts = queryTexts
        self.simulator = simulator
        self.unplacedWaiters = unplaced
        self.tags = tags
        self.pids = pids
    }

    /// Waiting requests, earliest first.
    private static func inWaitingOrder(_ waiting: [LockSnapshot.Lock], activity: [Int32: SessionActivity]) -> [LockSnapshot.Lock] {
        func key(_ lock: LockSnapshot.Lock) -> (Double, Double, Int32) {
            let started = lock.pid.flatMap { activity[$0]?.queryStart } ?? .infinity
            return (lock.waitStart ?? .infinity, started, lock.pid ?? .max)
        }
        return waiting.sorted { key($0) < key($1) }
    }

    /// The backend pid of a session, nil for prepared transactions.
    public func pid(of session: String) -> Int32? { pids[session] }

    /// The session (`virtualtransaction`) of a backend that holds or awaits a lock.
    public func sessionName(ofPID pid: Int32) -> String? {
        pids.first { $0.value == pid }?.key
    }

    /// Every object that has a wait queue, or every object with locks when `includeIdle`.
    public func queues(includeIdle: Bool = false) -> [ObjectQueue] {
        var holdersByObject: [String: [String: [LockMode]]] = [:]
        var holderOrder: [String: [String]] = [:]
        for row in simulator.locks() where row.granted {
            if holdersByObject[row.object, default: [:]][row.session] == nil {
                holderOrder[row.object, default: []].append(row.session)
            }
            holdersByObject[row.object, default: [:]][row.session, default: []].append(row.mode)
        }
        var objects: [String] = []
        for row in simulator.locks() where !objects.contains(row.object) { objects.append(row.object) }
        return objects.compactMap { object in
            let waiters = simulator.waitQueue(of: object).map { waiter in
                let blockers = simulator.blockers(of: waiter.session) ?? LockBlockers(hard: [], soft: [])
                return Waiter(session: waiter.session, pid: pids[waiter.session], mode: waiter.mode,
                              hardBlockers: blockers.hard, softBlockers: blockers.soft)
            }
            guard includeIdle || !waiters.isEmpty else { return nil }
            let holders = (holderOrder[object] ?? []).map { session in
                Holder(session: session, pid: pids[session], modes: holdersByObject[object]![session]!.sorted())
            }
            return ObjectQueue(tag: tags[object]!, holders: holders, waiters: waiters)
        }
    }

    /// The object with this relation name (`schema.name`, or a bare name matched against
    /// the relation part), if any session locks it.
    public func tag(forRelation name: String) -> LockTag? {
        let matches = tags.values.filter { tag in
            guard let relation = tag.relationName else { return false }
            return relation == name || relation.split(separator: ".").last.map(String.init) == name
        }
        return matches.count == 1 ? matches[0] : matches.first { $0.relationName == name }
    }

    /// The object of the relation with this OID, if any session locks it.
    public func tag(forRelationID id: UInt32) -> LockTag? {
        tags.values.first { $0.type == "relation" && $0.relationID == id }
    }

    /// The pids a waiting backend waits for, as `pg_blocking_pids()` reports them.
    public func blockingPIDs(of pid: Int32) -> [Int32] {
        guard let session = sessionName(ofPID: pid),
              let blockers = simulator.blockers(of: session) else { return [] }
        return (blockers.hard + blockers.soft).map { pids[$0] ?? 0 }
    }
}
