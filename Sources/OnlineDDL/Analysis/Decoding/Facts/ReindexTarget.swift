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

extension ReindexTarget {
    /// Decodes libpg_query's `ReindexObjectType` (`"REINDEX_OBJECT_INDEX"`, …); anything else
    /// rebuilds a whole database.
    init(parserName: String?) {
        switch parserName {
        case "REINDEX_OBJECT_INDEX": self = .index
        case "REINDEX_OBJECT_TABLE": self = .table
        case "REINDEX_OBJECT_SCHEMA": self = .schema
        case "REINDEX_OBJECT_SYSTEM": self = .system
        default: self = .database
        }
    }
}
