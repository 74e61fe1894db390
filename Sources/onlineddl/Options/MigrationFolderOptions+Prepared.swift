import OnlineDDL

extension MigrationFolderOptions {
    /// The folder's migrations read and parsed as apply prepares them; every file that
    /// cannot be run is a usage error (exit 2), each at its `file:line:column`.
    func prepared(_ project: ProjectConfiguration, verbose: Bool) throws(CommandFailure) -> [PreparedMigration] {
        switch PreparedMigration.prepareAll(try load(project, verbose: verbose)) {
        case .success(let migrations): migrations
        case .failure(let error): throw .usage(errors: error.errors)
        }
    }
}
