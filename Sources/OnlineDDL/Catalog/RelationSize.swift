/// How big a relation is, as the catalog last recorded it: what a scan or rewrite costs.
public struct RelationSize: Hashable, Sendable {
    /// `pg_class.relpages`: heap pages at the last `VACUUM`, `ANALYZE` or `CREATE INDEX`.
    public let pages: Int
    /// `pg_class.reltuples`: estimated live rows, or `nil` when never vacuumed or analyzed.
    public let estimatedRows: Double?
    /// Bytes on disk: `pg_total_relation_size` (indexes and TOAST included) when measured,
    /// else `relpages` × `block_size` (the heap at its last `VACUUM` or `ANALYZE`).
    public let totalBytes: Int
    /// Whether `totalBytes` is the `relpages` estimate rather than a measurement.
    public let isEstimated: Bool

    /// Creates a size.
    public init(pages: Int, estimatedRows: Double?, totalBytes: Int, isEstimated: Bool = false) {
        self.pages = pages
        self.estimatedRows = estimatedRows
        self.totalBytes = totalBytes
        self.isEstimated = isEstimated
    }

    /// A relation without storage, such as a view.
    public static let empty = RelationSize(pages: 0, estimatedRows: 0, totalBytes: 0)
}
