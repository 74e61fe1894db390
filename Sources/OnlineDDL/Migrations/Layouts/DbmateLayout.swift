/// dbmate's files: `VERSION_name.sql`, VERSION being digits, each with a `-- migrate:up`
/// section, which runs, and usually a `-- migrate:down` section, which is reported and not
/// run. `-- migrate:up transaction:false` runs the file statement by statement, as
/// `-- onlineddl:no-transaction` does. The down section is cut off the end of the file, so
/// errors and statements keep the file's own `line:column`. A file whose sections are wrong
/// is read with that error, which its use reports.
enum DbmateLayout {
    static func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        var contents = LayoutContents()
        for name in folder.files where name.hasSuffix(".sql") {
            guard let (version, migrationName) = PlainLayout.split(fileName: name) else { throw .badFileName(folder.path(of: name), .dbmate) }
            contents.append(DbmateSections.self, at: name, in: folder, version: version, name: migrationName)
        }
        return contents
    }
}
