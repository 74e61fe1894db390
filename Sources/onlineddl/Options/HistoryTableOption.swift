import ArgumentParser
import OnlineDDL

/// `--history-table`, shared by every command that reads or writes the history.
struct HistoryTableOption: ParsableArguments {
    @Option(
        name: .customLong("history-table"),
        help: ArgumentHelp("The table recording applied migrations (default \(HistoryTable.defaultTable)).", valueName: "schema.table"))
    var historyTable: String?

    var table: HistoryTable {
        get throws {
            guard let historyTable else { return .defaultTable }
            do {
                return try HistoryTable(parsing: historyTable)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func validate() throws {
        _ = try table
    }
}
