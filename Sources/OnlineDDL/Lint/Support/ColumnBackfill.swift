import OnlineDDLParsing

/// The way to add a column whose value must be computed for every existing row without a
/// table rewrite: add it without a default, give new rows the default, backfill old rows in
/// small batches, and add `NOT NULL` last without a long lock.
struct ColumnBackfill: Sendable {
    let table: RelationName
    let column: String
    /// The column's type as SQL.
    let type: String
    /// The SQL expression new rows get and old rows are backfilled with.
    let value: String
    /// Statements to run after adding the column and before setting its default, such as a
    /// `CREATE SEQUENCE`.
    var preparation: [String] = []
    /// Whether the column is to be `NOT NULL` in the end.
    let notNull: Bool

    /// A sequence-backed column (serial or identity): its sequence and `nextval` default.
    static func sequenceBacked(table: RelationName, column: String, type: String, notNull: Bool) -> ColumnBackfill {
        let sequence = table.sibling(named: SQLText.derivedName(table, [column], suffix: "seq"))
        return ColumnBackfill(
            table: table, column: column, type: type,
            value: "nextval(\(SQLText.literal(SQLText.relation(sequence))))",
            preparation: ["CREATE SEQUENCE \(SQLText.relation(sequence)) OWNED BY \(SQLText.relation(table)).\(SQLText.identifier(column));"],
            notNull: notNull)
    }

    /// The steps as SQL for the target version.
    func steps(postgresMajorVersion: Int) -> String {
        let alter = "ALTER TABLE \(SQLText.relation(table))"
        let name = SQLText.identifier(column)
        let lines = ["\(alter) ADD COLUMN \(name) \(type);"] + preparation + [
            "\(alter) ALTER COLUMN \(name) SET DEFAULT \(value);",
            "-- backfill existing rows in batches, each in its own transaction:",
            "-- UPDATE \(SQLText.relation(table)) SET \(name) = \(value) WHERE \(name) IS NULL AND <next key range>;",
        ]
        guard notNull else { return lines.joined(separator: "\n") }
        return (lines + ["-- then make it NOT NULL:", NotNullByCheck.steps(table: table, column: column, postgresMajorVersion: postgresMajorVersion)])
            .joined(separator: "\n")
    }
}
