import OnlineDDL

/// A set of table-level locks on fixture relations, as `"name Mode"` strings: the unit the
/// ground-truth test compares.
///
/// Granularity: for each relation, the set of modes. `pg_locks` lists every distinct mode a
/// backend holds on a relation (a second request for a mode it holds adds no row), and the
/// resolved analysis lists every mode the statement requests; both are compared exactly, with
/// no allowance for weaker modes implied by stronger ones. Only relations of the fixture
/// schema that existed before the statement count: the system catalogs, TOAST tables, the
/// session's temporary objects and relations the statement itself creates (invisible to
/// every other session) are left out on both sides.
struct GroundTruthLocks: Equatable, CustomStringConvertible {
    let entries: Set<String>

    init(_ entries: Set<String>) {
        self.entries = entries
    }

    /// The locks a resolved analysis holds when the statement's transaction `transaction`
    /// ends: transient (`released`) locks are gone, and `session` locks of earlier
    /// transactions remain.
    init(resolved locks: [ResolvedLockRequest], transaction: Int = 1) {
        entries = Set(locks
            .filter { $0.relation.name.schema == GroundTruthFixture.schema && $0.duration != .released }
            .filter { $0.transaction == transaction || ($0.duration == .session && $0.transaction < transaction) }
            .map { Self.entry($0.relation.name, $0.mode) })
    }

    /// The fixture locks of one backend in `pg_locks`, waiting ones included, with OIDs named
    /// through the snapshot taken before the statement (so a relation the statement drops
    /// still has its name, and one it creates has none).
    static func read(pid: Int32, on connection: Connection, catalog: CatalogSnapshot) throws -> GroundTruthLocks {
        let rows = try connection.query("""
            SELECT relation::int8 AS relation, mode FROM pg_locks
            WHERE pid = $1 AND locktype = 'relation' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """, [pid]).rows
        var entries: Set<String> = []
        for row in rows {
            let id = RelationID(UInt32(truncatingIfNeeded: try row.decode("relation", as: Int.self)))
            guard let relation = catalog.relations[id], relation.name.schema == GroundTruthFixture.schema,
                  let mode = LockMode(pgLocksName: try row.decode("mode", as: String.self)) else { continue }
            entries.insert(entry(relation.name, mode))
        }
        return GroundTruthLocks(entries)
    }

    static func entry(_ name: RelationName, _ mode: LockMode) -> String {
        "\(name.name) \(mode.pgLocksName)"
    }

    var description: String { entries.sorted().joined(separator: ", ") }

    /// `"missing: …; extra: …"` relative to what the server showed.
    func difference(fromServer server: GroundTruthLocks) -> String {
        let missing = server.entries.subtracting(entries).sorted()
        let extra = entries.subtracting(server.entries).sorted()
        return "analyzer misses [\(missing.joined(separator: ", "))], analyzer adds [\(extra.joined(separator: ", "))]"
    }
}
