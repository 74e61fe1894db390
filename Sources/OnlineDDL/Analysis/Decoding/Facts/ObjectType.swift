/// The type of object a `DROP`, `RENAME`, `SET SCHEMA`, `COMMENT ON` or `GRANT` names
/// (libpg_query's `ObjectType`).
public enum ObjectType: Hashable, Sendable {
    case table, foreignTable, view, materializedView, sequence, index
    case column, tableConstraint, trigger, policy, rule, statistics, `extension`
    case type, domain, domainConstraint, function, procedure, routine, aggregate
    case schema, collation, conversion, `operator`, role, tablespace, database, language
    /// A type the analyzer does not model (libpg_query's name), such as one of a newer grammar.
    case unknown(String)

    /// libpg_query's name, such as `"OBJECT_TABLE"`.
    public var parserName: String {
        switch self {
        case .table: "OBJECT_TABLE"
        case .foreignTable: "OBJECT_FOREIGN_TABLE"
        case .view: "OBJECT_VIEW"
        case .materializedView: "OBJECT_MATVIEW"
        case .sequence: "OBJECT_SEQUENCE"
        case .index: "OBJECT_INDEX"
        case .column: "OBJECT_COLUMN"
        case .tableConstraint: "OBJECT_TABCONSTRAINT"
        case .trigger: "OBJECT_TRIGGER"
        case .policy: "OBJECT_POLICY"
        case .rule: "OBJECT_RULE"
        case .statistics: "OBJECT_STATISTIC_EXT"
        case .extension: "OBJECT_EXTENSION"
        case .type: "OBJECT_TYPE"
        case .domain: "OBJECT_DOMAIN"
        case .domainConstraint: "OBJECT_DOMCONSTRAINT"
        case .function: "OBJECT_FUNCTION"
        case .procedure: "OBJECT_PROCEDURE"
        case .routine: "OBJECT_ROUTINE"
        case .aggregate: "OBJECT_AGGREGATE"
        case .schema: "OBJECT_SCHEMA"
        case .collation: "OBJECT_COLLATION"
        case .conversion: "OBJECT_CONVERSION"
        case .operator: "OBJECT_OPERATOR"
        case .role: "OBJECT_ROLE"
        case .tablespace: "OBJECT_TABLESPACE"
        case .database: "OBJECT_DATABASE"
        case .language: "OBJECT_LANGUAGE"
        case .unknown(let name): name
        }
    }

    /// Every modelled type, for decoding.
    static let modelled: [ObjectType] = [
        .table, .foreignTable, .view, .materializedView, .sequence, .index,
        .column, .tableConstraint, .trigger, .policy, .rule, .statistics, .extension,
        .type, .domain, .domainConstraint, .function, .procedure, .routine, .aggregate,
        .schema, .collation, .conversion, .operator, .role, .tablespace, .database, .language,
    ]

    private static let byParserName = Dictionary(uniqueKeysWithValues: modelled.map { ($0.parserName, $0) })

    /// Decodes libpg_query's `"OBJECT_…"` name; any other name is ``unknown(_:)``.
    init(parserName: String) {
        self = Self.byParserName[parserName] ?? .unknown(parserName)
    }

    /// The relation kind of a relation type (`nil` for columns, constraints and other objects).
    var relationKind: RelationKind? {
        switch self {
        case .table: .table
        case .index: .index
        case .view: .view
        case .materializedView: .materializedView
        case .sequence: .sequence
        case .foreignTable: .foreignTable
        default: nil
        }
    }
}
