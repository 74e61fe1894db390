/// The kind of relation a statement addresses (libpg_query's `ObjectType` for relations).
public enum RelationKind: String, Hashable, Sendable {
    /// A table (plain or partitioned).
    case table
    /// An index.
    case index
    /// A view.
    case view
    /// A materialized view.
    case materializedView
    /// A sequence.
    case sequence
    /// A foreign table.
    case foreignTable

    /// Maps libpg_query's `"OBJECT_…"` name.
    init?(objectType: String) {
        guard let kind = ObjectType(parserName: objectType).relationKind else { return nil }
        self = kind
    }

    /// The role a lock on a relation of this kind plays when it is the statement's object.
    var targetRole: LockRole {
        switch self {
        case .index: .index
        case .view: .view
        case .materializedView: .materializedView
        case .sequence: .sequence
        case .table, .foreignTable: .target
        }
    }

    /// `"ALTER TABLE"`, `"ALTER INDEX"`, … for a statement on a relation of this kind.
    var alterKeyword: String {
        switch self {
        case .table: "ALTER TABLE"
        case .index: "ALTER INDEX"
        case .view: "ALTER VIEW"
        case .materializedView: "ALTER MATERIALIZED VIEW"
        case .sequence: "ALTER SEQUENCE"
        case .foreignTable: "ALTER FOREIGN TABLE"
        }
    }
}
