import ArgumentParser
import OnlineDDL

/// `--history-table`, shared by every command that reads or writes the history.
struct HistoryTableOption: ParsableArguments {
    @Option(
        name: .customLong("history-table"),
        help: ArgumentHelp("The table recording applied migrations (default \(HistoryTable.defaultTable)).", valueName: "schema.table"))
    var historyTable: String?

    /// The flag, else the project's `history_table`, else the default.
    func table(_ project: ProjectConfiguration) throws -> HistoryTable {
        guard let historyTable else { return project.historyTable ?? .defaultTable }
        do {
            return try HistoryTable(parsing: historyTable)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func validate() throws {
        _ = try table(ProjectConfiguration())
    }
}
