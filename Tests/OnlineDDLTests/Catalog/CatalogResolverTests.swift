import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLCatalog
@testable import OnlineDDLParsing

/// The pure resolver against a hand-built catalog: schema `app` first on the `search_path`,
/// a partitioned table with a default partition, a table referencing it, a view, an
/// identity sequence.
@Suite("Catalog: resolving analyses against a hand-built snapshot")
struct CatalogResolverTests {
    static func id(_ value: UInt32) -> RelationID { RelationID(value) }
    static func name(_ schema: String, _ name: String) -> RelationName { RelationName(schema: schema, name: name) }

    static let catalog = CatalogSnapshot(
        serverMajorVersion: 15, searchPath: ["pg_catalog", "app", "public"],
        relations: [
            CatalogRelation(
                id: id(10), name: name("app", "events"), kind: .partitionedTable, defaultPartition: id(12),
                columns: [CatalogColumn(number: 1, name: "id", type: SQLTypeName(schema: "pg_catalog", name: "int8"), isNotNull: true)]),
            CatalogRelation(id: id(11), name: name("app", "events_2024"), kind: .table,
                            size: RelationSize(pages: 100, estimatedRows: 5000, totalBytes: 819_200),
                            parents: [id(10)], isPartition: true),
            CatalogRelation(id: id(12), name: name("app", "events_default"), kind: .table, parents: [id(10)], isPartition: true),
            CatalogRelation(id: id(13), name: name("app", "events_2024_id_idx"), kind: .index, indexedTable: id(11), indexKeyColumns: ["id"]),
            CatalogRelation(
                id: id(20), name: name("app", "users"), kind: .table,
                columns: [
                    CatalogColumn(number: 1, name: "id", type: SQLTypeName(schema: "pg_catalog", name: "int8"), isNotNull: true,
                                  defaultSequence: id(22)),
                    CatalogColumn(number: 2, name: "name", type: SQLTypeName(schema: "pg_catalog", name: "varchar", modifiers: [50]),
                                  isNotNull: false),
                    CatalogColumn(number: 3, name: "email", type: SQLTypeName(schema: "pg_catalog", name: "text"), isNotNull: false),
                ]),
            CatalogRelation(id: id(21), name: name("app", "users_name_idx"), kind: .index, indexedTable: id(20), indexKeyColumns: ["name"]),
            CatalogRelation(id: id(22), name: name("app", "users_id_seq"), kind: .sequence, owningTable: id(20), owningColumn: "id"),
            CatalogRelation(id: id(23), name: name("public", "users"), kind: .table),
            CatalogRelation(id: id(30), name: name("app", "user_names"), kind: .view),
        ],
        constraints: [
            CatalogConstraint(name: "events_user_fk", table: id(10), kind: .foreignKey, referencedTable: id(20),
                              columns: ["id"], referencedColumns: ["id"]),
            CatalogConstraint(name: "email_present", table: id(20), kind: .check, provesNotNull: ["email"]),
        ],
        viewDependencies: [ViewDependency(view: id(30), relation: id(20), column: "name")])

    static func resolve(_ sql: String, version: Int = 15) throws -> ResolvedAnalysis {
        CatalogResolver(catalog: catalog).resolve(try analyze(sql, version: version))
    }

    static func locks(_ resolved: ResolvedAnalysis) -> [String] {
        resolved.locks.map { "\($0.relation.name) \($0.mode.pgLocksName)\($0.duration == .released ? " released" : "")" }
    }

    @Test func unqualifiedNamesFollowTheSearchPath() throws {
        #expect(Self.catalog.relation(named: RelationName(name: "users"))?.id == Self.id(20))
        #expect(Self.catalog.relation(named: Self.name("public", "users"))?.id == Self.id(23))
        #expect(Self.catalog.relation(named: RelationName(name: "missing")) == nil)
    }

    @Test func droppingAPartitionedTableLocksPartitionsIndexesAndPeers() throws {
        let resolved = try Self.resolve("DROP TABLE events")
        #expect(Self.locks(resolved) == [
            "app.events AccessExclusiveLock", "app.events_2024 AccessExclusiveLock", "app.events_default AccessExclusiveLock",
            "app.events_2024_id_idx AccessExclusiveLock", "app.users AccessExclusiveLock",
        ])
        #expect(resolved.unknownRelations.isEmpty)
    }

    @Test func attachingLocksTheDefaultPartitionAndSettlesItsScan() throws {
        let resolved = try Self.resolve("CREATE TABLE app.events_2025 PARTITION OF events FOR VALUES FROM (1) TO (2)")
        #expect(Self.locks(resolved).contains("app.events_default AccessExclusiveLock"))
        #expect(resolved.unknownRelations.isEmpty)
        #expect(resolved.caveats.map(\.verdict) == [.holds("app.events has a default partition")])
        #expect(resolved.dataWork.kind == .scan)
    }

    @Test func binaryCoercibleTypeChangeDropsTheRewrite() throws {
        let widening = try Self.resolve("ALTER TABLE users ALTER COLUMN name TYPE varchar(100)")
        #expect(widening.caveats.allSatisfy { $0.isOverturned })
        #expect(widening.dataWork.kind == .none)
        #expect(Self.locks(widening) == [
            "app.users AccessExclusiveLock", "app.users ShareLock",
            "app.users_name_idx AccessExclusiveLock", "app.users_name_idx AccessShareLock",
        ])
        let narrowing = try Self.resolve("ALTER TABLE users ALTER COLUMN name TYPE varchar(10)")
        #expect(narrowing.dataWork.kind == .rewrite)
        #expect(Self.locks(narrowing) == ["app.users AccessExclusiveLock", "app.users ShareLock", "app.users_name_idx AccessExclusiveLock"])
    }

    @Test func setNotNullProvenByACheckSkipsTheScan() throws {
        let proven = try Self.resolve("ALTER TABLE users ALTER COLUMN email SET NOT NULL")
        #expect(proven.caveats.allSatisfy { $0.isOverturned })
        #expect(proven.dataWork.kind == .none)
        let unproven = try Self.resolve("ALTER TABLE users ALTER COLUMN name SET NOT NULL")
        #expect(unproven.dataWork.kind == .scan)
        let before12 = try Self.resolve("ALTER TABLE users ALTER COLUMN email SET NOT NULL", version: 11)
        #expect(before12.dataWork.kind == .scan)
    }

    @Test func insertCallsTheDefaultSequenceAndChecksOnlySuppliedKeys() throws {
        let resolved = try Self.resolve("INSERT INTO events (id) VALUES (1)")
        #expect(Self.locks(resolved) == [
            "app.events RowExclusiveLock", "app.events_2024 RowExclusiveLock", "app.events_default RowExclusiveLock",
            "app.events_2024_id_idx RowExclusiveLock released", "app.users RowShareLock", "app.users_name_idx RowShareLock",
        ])
        let intoUsers = try Self.resolve("INSERT INTO users (name) VALUES ('x')")
        #expect(Self.locks(intoUsers).contains("app.users_id_seq RowExclusiveLock"))
    }

    @Test func aViewInAQueryIsExpandedToItsBaseTables() throws {
        let resolved = try Self.resolve("SELECT * FROM user_names")
        #expect(Self.locks(resolved) == [
            "app.user_names AccessShareLock", "app.users AccessShareLock", "app.users_name_idx AccessShareLock",
        ])
    }

    @Test func cascadeDropsTheViewsReadingAColumn() throws {
        let resolved = try Self.resolve("ALTER TABLE users DROP COLUMN name CASCADE")
        #expect(Self.locks(resolved).contains("app.user_names AccessExclusiveLock"))
        #expect(Self.locks(resolved).contains("app.users_name_idx AccessExclusiveLock"))
        #expect(resolved.unresolvedLookups.isEmpty)
    }

    @Test func unknownNamesAndUnexpandableLookupsAreReported() throws {
        let created = try Self.resolve("CREATE TABLE app.fresh (id int)")
        #expect(created.locks.isEmpty)
        let dropped = try Self.resolve("DROP TABLE IF EXISTS nowhere")
        #expect(dropped.unknownRelations == [RelationName(name: "nowhere")])
        let type = try Self.resolve("DROP TYPE mood CASCADE")
        #expect(type.unresolvedLookups == [.cascadeDependents(of: "mood")])
    }

    @Test func sizesAndKindsComeWithTheLocks() throws {
        let resolved = try Self.resolve("SELECT * FROM ONLY events_2024")
        let partition = try #require(resolved.locks.first?.relation)
        #expect(partition.kind == .table)
        #expect(partition.size.pages == 100)
        #expect(partition.size.estimatedRows == 5000)
        let partitioned = try Self.resolve("REINDEX TABLE events")
        #expect(!partitioned.transactional)
        let plain = try Self.resolve("REINDEX TABLE events_2024")
        #expect(plain.transactional)
    }
}
