import Testing
@testable import OnlineDDLCatalog
@testable import OnlineDDLParsing

/// What `CatalogSnapshot.read` makes of a real catalog: column defaults that draw on
/// sequences, and sizes measured on disk or estimated from `relpages`.
@Suite("Integration: catalog snapshot read from a real server")
struct CatalogReadTests {
    @Test func serialAndIdentityColumnsNameTheirSequences() throws {
        let connection = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("catalog_sequences")
        try connection.execute("""
            CREATE TABLE \(table) (id bigserial PRIMARY KEY, code int GENERATED ALWAYS AS IDENTITY, note text DEFAULT 'x')
            """)
        defer { _ = try? connection.execute("DROP TABLE IF EXISTS \(table)") }
        let expected = try connection.query("""
            SELECT pg_get_serial_sequence($1, 'id')::regclass::oid::int8 AS id,
                   pg_get_serial_sequence($1, 'code')::regclass::oid::int8 AS code
            """, [table]).rows[0]
        let catalog = try CatalogSnapshot.read(from: connection)
        let relation = try #require(catalog.relation(named: RelationName(schema: "public", name: table)))
        let sequences = Dictionary(uniqueKeysWithValues: relation.columns.map { ($0.name, $0.defaultSequence?.rawValue) })
        #expect(sequences["id"] == UInt32(try expected.decode("id", as: Int.self)))
        #expect(sequences["code"] == UInt32(try expected.decode("code", as: Int.self)))
        #expect(sequences["note"] == .some(nil))
    }

    @Test func aLaterReadTakesTheSystemRelationsOfAnEarlierOne() throws {
        let connection = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("catalog_reuse")
        let earlier = try CatalogSnapshot.read(from: connection, measuringSizes: false)
        try connection.execute("CREATE TABLE \(table) (id int PRIMARY KEY, note text)")
        defer { _ = try? connection.execute("DROP TABLE IF EXISTS \(table)") }
        let full = try CatalogSnapshot.read(from: connection, measuringSizes: false)
        let reused = try CatalogSnapshot.read(from: connection, measuringSizes: false, reusingSystemRelationsOf: earlier)
        func system(_ catalog: CatalogSnapshot) -> [RelationID: CatalogRelation] {
            catalog.relations.filter { $0.value.name.schema == "pg_catalog" || $0.value.name.schema == "information_schema" }
        }
        #expect(system(earlier).count > 100)
        #expect(system(reused) == system(earlier))
        #expect(Set(system(full).keys) == Set(system(earlier).keys))
        // The user schemas are read again: the new table and its index, as a full read has them.
        let name = RelationName(schema: "public", name: table)
        let relation = try #require(reused.relation(named: name))
        #expect(relation == full.relation(named: name))
        #expect(!reused.indexes(of: relation.id).isEmpty && reused.indexes(of: relation.id) == full.indexes(of: relation.id))
        #expect(reused.relation(named: RelationName(schema: nil, name: "pg_class"))?.name.schema == "pg_catalog")
    }

    @Test func sizesAreMeasuredOnDiskOrEstimatedFromRelpages() throws {
        let connection = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("catalog_sizes")
        try connection.execute("CREATE TABLE \(table) (id int PRIMARY KEY, note text)")
        defer { _ = try? connection.execute("DROP TABLE IF EXISTS \(table)") }
        try connection.execute("INSERT INTO \(table) SELECT i, repeat('x', 100) FROM generate_series(1, 5000) AS i")
        try connection.execute("VACUUM \(table)")
        let figures = try connection.query("""
            SELECT pg_total_relation_size($1::regclass)::int8 AS total,
                   (SELECT relpages::int8 * current_setting('block_size')::int8 FROM pg_class WHERE oid = $1::regclass) AS estimate
            """, [table]).rows[0]
        let name = RelationName(schema: "public", name: table)
        let measured = try #require(try CatalogSnapshot.read(from: connection).relation(named: name))
        let estimated = try #require(try CatalogSnapshot.read(from: connection, measuringSizes: false).relation(named: name))
        #expect(measured.size.totalBytes == (try figures.decode("total", as: Int.self)))
        #expect(estimated.size.totalBytes == (try figures.decode("estimate", as: Int.self)))
        // The estimate counts the table's own pages only: its index and TOAST are extra.
        #expect(estimated.size.totalBytes > 0 && estimated.size.totalBytes < measured.size.totalBytes)
    }

    @Test func relationsTheReadMayNotOpenAreEstimatedAndTheirChecksLeftUnread() throws {
        let connection = try TestDatabase.connect()
        let table = TestDatabase.uniqueName("catalog_avoided")
        try connection.execute("""
            CREATE TABLE \(table) (id int PRIMARY KEY, note text CONSTRAINT note_present CHECK (note IS NOT NULL));
            INSERT INTO \(table) SELECT i, 'x' FROM generate_series(1, 1000) AS i
            """)
        defer { _ = try? connection.execute("DROP TABLE IF EXISTS \(table)") }
        try connection.execute("VACUUM \(table)")
        let name = RelationName(schema: "public", name: table)
        let open = try CatalogSnapshot.read(from: connection)
        let id = try #require(open.relation(named: name)?.id)
        #expect(open.relation(named: name)?.size.isEstimated == false)
        #expect(open.constraint(named: "note_present", on: id)?.provesNotNull == ["note"])
        // The index alone is avoided: the table's size is not measured, its CHECK still read.
        let index = try #require(open.relation(named: RelationName(schema: "public", name: "\(table)_pkey"))?.id)
        let indexAvoided = try CatalogSnapshot.read(from: connection, access: .avoiding([index]))
        #expect(indexAvoided.relation(named: name)?.size.isEstimated == true)
        #expect(indexAvoided.constraint(named: "note_present", on: id)?.provesNotNull == ["note"])
        for access in [RelationAccess.avoiding([id]), .catalogOnly] {
            let avoided = try CatalogSnapshot.read(from: connection, access: access)
            let size = try #require(avoided.relation(named: name)?.size)
            #expect(size.isEstimated)
            #expect(size.totalBytes == size.pages * 8192 && size.pages > 0)
            #expect(avoided.constraint(named: "note_present", on: id)?.provesNotNull == [])
        }
    }
}
