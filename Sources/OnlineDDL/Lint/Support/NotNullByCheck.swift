import OnlineDDLParsing

/// The way to make a column `NOT NULL` on a large table without a long lock: a `CHECK`
/// added `NOT VALID`, validated under `SHARE UPDATE EXCLUSIVE`, which then lets
/// `SET NOT NULL` (PostgreSQL 12+) skip its scan.
enum NotNullByCheck {
    /// The steps as SQL, one migration file per step, for the target version.
    static func steps(table: RelationName, column: String, postgresMajorVersion: Int) -> String {
        let name = SQLText.identifier(SQLText.derivedName(table, [column], suffix: "not_null"))
        let alter = "ALTER TABLE \(SQLText.relation(table))"
        let check = """
            -- migration 1: catalog only, a brief lock
            \(alter) ADD CONSTRAINT \(name) CHECK (\(SQLText.identifier(column)) IS NOT NULL) NOT VALID;
            -- migration 2: scans under SHARE UPDATE EXCLUSIVE; reads and writes continue
            \(alter) VALIDATE CONSTRAINT \(name);
            """
        guard postgresMajorVersion >= 12 else {
            return check + "\n-- PostgreSQL 11 and older scan for SET NOT NULL even then: keep the CHECK instead."
        }
        return check + """

            -- migration 3: the valid CHECK proves there are no NULLs, so SET NOT NULL skips its scan
            \(alter) ALTER COLUMN \(SQLText.identifier(column)) SET NOT NULL;
            \(alter) DROP CONSTRAINT \(name);
            """
    }
}
