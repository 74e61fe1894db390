import Testing
@testable import OnlineDDLCatalog
@testable import OnlineDDLParsing
@testable import OnlineDDLPlanning

/// A scan's size summed over a partitioned table's partitions, one measured on disk and one
/// estimated from `relpages` because another session held it: the sum says it is estimated.
@Suite("Planning: measured and estimated sizes")
struct PlannerDataSizeTests {
    static func relation(_ oid: UInt32, _ name: String, _ kind: CatalogRelationKind, size: RelationSize = .empty) -> CatalogRelation {
        CatalogRelation(
            id: RelationID(oid), name: RelationName(schema: "public", name: name), kind: kind, size: size,
            parents: oid == 1 ? [] : [RelationID(1)], isPartition: oid != 1)
    }

    static let catalog = CatalogSnapshot(serverMajorVersion: 15, searchPath: ["public"], relations: [
        relation(1, "events", .partitionedTable),
        relation(2, "events_measured", .table, size: RelationSize(pages: 2, estimatedRows: 20, totalBytes: 40_960)),
        relation(3, "events_locked", .table, size: RelationSize(pages: 1, estimatedRows: 10, totalBytes: 8_192, isEstimated: true)),
    ])

    static func size(_ sql: String) throws -> MigrationPlan.DataSize? {
        MigrationPlanner.resolved(through: catalog)(try analyze(sql)).dataSize
    }

    @Test func aSumOverAnEstimatedPartitionIsMarkedEstimated() throws {
        let measured = try #require(try Self.size("VACUUM FULL events_measured"))
        #expect(measured.bytes == 40_960)
        #expect(!measured.bytesEstimated)
        let locked = try #require(try Self.size("VACUUM FULL events_locked"))
        #expect(locked.bytes == 8_192)
        #expect(locked.bytesEstimated)
        let all = try #require(try Self.size("ALTER TABLE events ALTER COLUMN id TYPE bigint"))
        #expect(all.bytes == 49_152)
        #expect(all.bytesEstimated)
    }
}
