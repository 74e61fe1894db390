/// The kind of a constraint (libpg_query's `ConstrType`).
public enum ConstraintKind: String, Hashable, Sendable {
    /// `CHECK (…)`.
    case check
    /// `FOREIGN KEY … REFERENCES` or an inline `REFERENCES`.
    case foreignKey
    /// `PRIMARY KEY`.
    case primaryKey
    /// `UNIQUE`.
    case unique
    /// `EXCLUDE`.
    case exclusion
    /// `NOT NULL`.
    case notNull
    /// `NULL` (explicitly nullable).
    case null
    /// `DEFAULT …`.
    case defaultValue
    /// `GENERATED … AS IDENTITY`.
    case identity
    /// `GENERATED ALWAYS AS (…) STORED`.
    case generated
    /// `DEFERRABLE`, `INITIALLY DEFERRED` and similar attributes.
    case attribute

    /// Maps libpg_query's `"CONSTR_…"` name.
    init?(parserName: String) {
        switch parserName {
        case "CONSTR_CHECK": self = .check
        case "CONSTR_FOREIGN": self = .foreignKey
        case "CONSTR_PRIMARY": self = .primaryKey
        case "CONSTR_UNIQUE": self = .unique
        case "CONSTR_EXCLUSION": self = .exclusion
        case "CONSTR_NOTNULL": self = .notNull
        case "CONSTR_NULL": self = .null
        case "CONSTR_DEFAULT": self = .defaultValue
        case "CONSTR_IDENTITY": self = .identity
        case "CONSTR_GENERATED": self = .generated
        case "CONSTR_ATTR_DEFERRABLE", "CONSTR_ATTR_NOT_DEFERRABLE",
             "CONSTR_ATTR_DEFERRED", "CONSTR_ATTR_IMMEDIATE": self = .attribute
        default: return nil
        }
    }

    /// Whether adding the constraint builds an index (`PRIMARY KEY`, `UNIQUE`, `EXCLUDE`).
    public var buildsIndex: Bool {
        self == .primaryKey || self == .unique || self == .exclusion
    }
}
