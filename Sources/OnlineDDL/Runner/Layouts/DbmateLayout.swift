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
            let path = folder.path(of: name)
            guard let (version, migrationName) = PlainLayout.split(fileName: name) else { throw .badFileName(path, .dbmate) }
            let bytes: [UInt8]
            switch folder.read(name) {
            case .success(let read): bytes = read
            case .failure(let error):
                contents.files.append(MigrationFile(version: version, name: migrationName, path: path, readError: error))
                continue
            }
            do {
                let sections = try DbmateSections(file: path, contents: bytes)
                contents.files.append(MigrationFile(
                    version: version, name: migrationName, path: path, contents: bytes, runnableByteCount: sections.upEnd,
                    forcesNoTransaction: !sections.transaction))
                if let down = sections.downSection {
                    contents.ignored.append(IgnoredMigrationPart(kind: .down, path: "\(path):\(down.line)", reason: "dbmate -- migrate:down section"))
                }
            } catch {
                contents.files.append(MigrationFile(version: version, name: migrationName, path: path, contents: bytes, readError: error))
            }
        }
        return contents
    }
}
