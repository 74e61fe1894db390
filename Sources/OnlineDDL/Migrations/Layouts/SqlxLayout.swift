/// sqlx's files (`sqlx-core/src/migrate/source.rs`): `VERSION_description.sql`, or a
/// reversible pair `VERSION_description.up.sql` and `.down.sql`, whose down file is
/// reported and not run. VERSION is digits that fit a 64-bit integer, as sqlx parses it
/// into `_sqlx_migrations.version` (an `i64`), and orders numerically. A file whose text
/// starts with `-- no-transaction` (sqlx reads it only there, as the very first bytes) runs
/// statement by statement, as `-- onlineddl:no-transaction` does.
enum SqlxLayout {
    /// sqlx's opt-out of its migration transaction, read only at the start of a file.
    static let noTransaction = Array("-- no-transaction".utf8)

    static func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        var contents = LayoutContents()
        for name in folder.files where name.hasSuffix(".sql") {
            guard let (version, migrationName, up) = parse(fileName: name) else { throw .badFileName(folder.path(of: name), .sqlx) }
            guard up else {
                contents.ignored.append(IgnoredMigrationPart(kind: .down, path: folder.path(of: name), reason: "sqlx down migration"))
                continue
            }
            let path = folder.path(of: name)
            switch folder.read(name) {
            case .success(let bytes):
                contents.files.append(MigrationFile(
                    version: version, name: migrationName, path: path, contents: bytes, forcesNoTransaction: bytes.starts(with: noTransaction)))
            case .failure(let error):
                contents.files.append(MigrationFile(version: version, name: migrationName, path: path, readError: error))
            }
        }
        return contents
    }

    /// `3_add_index.sql` → ("3", "add_index", up: true), `3_add_index.down.sql` → (…, up:
    /// false); nil unless the version is digits that fit a 64-bit integer.
    static func parse(fileName: String) -> (version: String, description: String, up: Bool)? {
        for (suffix, up) in [(".up.sql", true), (".down.sql", false), (".sql", true)] where fileName.hasSuffix(suffix) {
            guard let (version, description) = PlainLayout.split(stem: fileName.dropLast(suffix.count)), Int64(version) != nil else {
                return nil
            }
            return (version, description, up)
        }
        return nil
    }
}
