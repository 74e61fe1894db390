/// The action of a foreign key when the referenced row is deleted or updated; raw values
/// are libpg_query's action characters.
public enum ForeignKeyAction: String, Hashable, Sendable {
    /// `NO ACTION` (the default).
    case noAction = "a"
    /// `RESTRICT`.
    case restrict = "r"
    /// `CASCADE`.
    case cascade = "c"
    /// `SET NULL`.
    case setNull = "n"
    /// `SET DEFAULT`.
    case setDefault = "d"
}
