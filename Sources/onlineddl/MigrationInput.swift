import OnlineDDL

/// Reads a migration folder for a command, turning problems into usage errors (exit 2).
enum MigrationInput {
    static func load(_ directory: String) throws(CommandFailure) -> [MigrationFile] {
        do {
            return try MigrationDirectory(path: directory).files
        } catch {
            throw .usage(error.description)
        }
    }
}
