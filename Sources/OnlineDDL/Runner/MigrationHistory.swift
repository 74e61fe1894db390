/// The table where onlineddl records applied migrations (`onlineddl.schema_migrations` by
/// default): one row per version.
public enum MigrationHistory {
    /// The default history table.
    public static let defaultTable = "onlineddl.schema_migrations"

    /// The versions recorded as applied, canonical (without leading zeros); empty when the
    /// table does not exist yet (nothing was ever applied).
    public static func appliedVersions(on connection: Connection, table: String = defaultTable) throws(PostgresError) -> Set<String> {
        let exists = try connection.query("SELECT to_regclass($1) IS NOT NULL AS present", [table]).rows[0]
        guard try exists.decode("present", as: Bool.self) else { return [] }
        let rows = try connection.query("SELECT version FROM \(table)").rows
        var versions: Set<String> = []
        for row in rows {
            versions.insert(MigrationFile.canonical(try row.decode("version")))
        }
        return versions
    }
}
