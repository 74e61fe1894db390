import Testing
@testable import OnlineDDLCatalog
@testable import OnlineDDLLocking

/// Which relations a catalog read may open, decided from a hand-built lock table: only a
/// lock another session holds or awaits in a mode that conflicts with AccessShareLock
/// (ACCESS EXCLUSIVE) keeps a relation, or the table whose index or TOAST table it is, closed.
@Suite("Catalog: relations a read may open without queueing")
struct RelationAccessTests {
    static func relation(_ oid: UInt32) -> LockTag {
        LockTag(type: "relation", key: "5:\(oid)", relationName: "public.r\(oid)", relationID: oid)
    }

    static func lock(_ tag: LockTag, _ mode: LockMode, pid: Int32? = 100, waiting: Bool = false) -> LockSnapshot.Lock {
        LockSnapshot.Lock(
            tag: tag, session: pid.map { "3/\($0)" } ?? "-1/777", pid: pid, mode: mode, granted: !waiting, waitStart: nil)
    }

    static func access(_ locks: [LockSnapshot.Lock]) -> RelationAccess {
        RelationAccess(avoidingLocksIn: LockSnapshot(locks: locks, activity: [:], takenAt: 0, serverVersion: 180_000))
    }

    static func ids(_ oids: UInt32...) -> [RelationID] { oids.map(RelationID.init) }

    @Test func anAccessExclusiveHolderOrWaiterKeepsItsRelationClosed() {
        let access = Self.access([
            Self.lock(Self.relation(1000), .accessExclusive),
            Self.lock(Self.relation(2000), .accessShare, pid: 101),
            Self.lock(Self.relation(2000), .accessExclusive, pid: 102, waiting: true),
            Self.lock(Self.relation(3000), .accessExclusive, pid: nil),
        ])
        #expect(access == .avoiding(Set(Self.ids(1000, 2000, 3000))))
        #expect(!access.mayOpen(Self.ids(1000)))
        #expect(!access.mayOpen(Self.ids(2000)), "a new AccessShareLock request queues behind the waiter")
        #expect(!access.mayOpen(Self.ids(3000)), "a prepared transaction holds locks without a pid")
        #expect(access.mayOpen(Self.ids(4000)))
    }

    @Test func weakerModesAndOtherLockTypesLeaveEverythingOpen() {
        let weaker: [LockMode] = [.accessShare, .rowShare, .rowExclusive, .shareUpdateExclusive, .share, .shareRowExclusive, .exclusive]
        let access = Self.access(weaker.map { Self.lock(Self.relation(1000), $0) } + [
            Self.lock(LockTag(type: "object", key: "5:1259:1000:0"), .accessExclusive),
            Self.lock(LockTag(type: "advisory", key: "5:1:2:2"), .accessExclusive),
        ])
        #expect(access == .avoiding([]))
        #expect(access.mayOpen(Self.ids(1000)))
    }

    @Test func aLockedIndexOrToastTableKeepsItsTableClosed() {
        // REINDEX INDEX holds the index in ACCESS EXCLUSIVE mode, the table only in SHARE.
        let access = Self.access([Self.lock(Self.relation(1000), .share), Self.lock(Self.relation(1001), .accessExclusive)])
        #expect(!access.mayOpen(Self.ids(1000, 1001, 1002)), "pg_total_relation_size opens the table and its indexes")
        #expect(access.mayOpen(Self.ids(1000)), "pg_get_constraintdef opens only the table")
    }

    @Test func unrestrictedOpensAllAndCatalogOnlyNone() {
        #expect(RelationAccess.unrestricted.mayOpen(Self.ids(1000, 2000)))
        #expect(!RelationAccess.catalogOnly.mayOpen(Self.ids(1000)))
    }
}
