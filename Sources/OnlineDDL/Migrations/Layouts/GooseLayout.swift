import OnlineDDLParsing

/// goose's files: `VERSION_name.sql`, VERSION being digits greater than zero that fit a
/// 64-bit integer (goose's `NumericComponent`: `00001_init.sql` is version 1, as
/// `goose_db_version.version_id` records it), ordered numerically. Each has a
/// `-- +goose Up` part, which runs, and usually a `-- +goose Down` part, which is reported
/// and not run (``GooseAnnotations``). `-- +goose NO TRANSACTION` runs the file statement
/// by statement, as `-- onlineddl:no-transaction` does.
///
/// A Go migration (`VERSION_name.go`) is code built into a goose binary, which onlineddl
/// cannot run: it is read as a migration whose use is an error naming the file, so that a
/// folder with one is never applied around it (rewrite it in SQL, or move it out once goose
/// has applied it). Other `.go` files (helpers, `main.go`,
/// `_test.go` files) are ignored, as goose ignores them.
enum GooseLayout {
    static func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        var contents = LayoutContents()
        for name in folder.files where name.hasSuffix(".sql") || isGoMigration(name) {
            let path = folder.path(of: name)
            guard let (version, migrationName) = split(fileName: name) else { throw .badFileName(path, .goose) }
            if !name.hasSuffix(".sql") {
                contents.files.append(MigrationFile(version: version, name: migrationName, path: path, readError: SQLSyntaxError(
                    file: path, location: SourceLocation(line: 1, column: 1),
                    message: "a goose Go migration, which onlineddl cannot run: write it as \(version)_\(migrationName).sql, "
                        + "or move it out of the folder once goose has applied it")))
                continue
            }
            contents.append(GooseAnnotations.self, at: name, in: folder, version: version, name: migrationName)
        }
        return contents
    }

    /// `00003_add_index.sql` → ("00003", "add_index"); nil unless the version is digits
    /// whose value is 1 to `Int64.max`, as goose's `NumericComponent` requires.
    static func split(fileName: String) -> (version: String, name: String)? {
        let stem: Substring
        if fileName.hasSuffix(".sql") {
            stem = fileName.dropLast(".sql".count)
        } else if fileName.hasSuffix(".go") {
            stem = fileName.dropLast(".go".count)
        } else {
            return nil
        }
        guard let (version, name) = PlainLayout.split(stem: stem), let value = Int64(version), value > 0 else { return nil }
        return (version, name)
    }

    /// Whether `fileName` is a Go migration as goose finds them: `VERSION_name.go`, not a
    /// `_test.go` file.
    static func isGoMigration(_ fileName: String) -> Bool {
        fileName.hasSuffix(".go") && !fileName.hasSuffix("_test.go") && split(fileName: fileName) != nil
    }
}
