/// How big a relation is, as the catalog last recorded it: what a scan or rewrite costs.
public struct RelationSize: Hashable, Sendable {
    /// `pg_class.relpages`: heap pages at the last `VACUUM`, `ANALYZE` or `CREATE INDEX`.
    public let pages: Int
    /// `pg_class.reltuples`: estimated live rows, or `nil` when never vacuumed or analyzed.
    public let estimatedRows: Double?
    /// `pg_total_relation_size`: bytes on disk now, with indexes and TOAST.
    public let totalBytes: Int

    /// Creates a size.
    public init(pages: Int, estimatedRows: Double?, totalBytes: Int) {
        self.pages = pages
        self.estimatedRows = estimatedRows
        self.totalBytes = totalBytes
    }

    /// A relation without storage, such as a view.
    public static let empty = RelationSize(pages: 0, estimatedRows: 0, totalBytes: 0)
}
