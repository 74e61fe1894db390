/// What a `REINDEX` statement rebuilds (only `INDEX` and `TABLE` are modelled).
public enum ReindexTarget: String, Hashable, Sendable {
    /// `REINDEX INDEX`.
    case index
    /// `REINDEX TABLE`.
    case table
    /// `REINDEX SCHEMA`.
    case schema
    /// `REINDEX DATABASE`.
    case database
    /// `REINDEX SYSTEM`.
    case system
}
