/// golang-migrate's names: `VERSION_title.up.sql` runs; `VERSION_title.down.sql` is
/// reported and not run. VERSION is digits; the title may be empty, as golang-migrate
/// allows. Other `.sql` files are an error.
enum GolangMigrateLayout {
    static func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        var contents = LayoutContents()
        for name in folder.files where name.hasSuffix(".sql") {
            switch parse(fileName: name) {
            case (let version, let title, up: true)?:
                contents.files.append(folder.migration(at: name, version: version, name: title))
            case (_, _, up: false)?:
                contents.ignored.append(IgnoredMigrationPart(kind: .down, path: folder.path(of: name), reason: "golang-migrate down migration"))
            case nil:
                throw .badFileName(folder.path(of: name), .golangMigrate)
            }
        }
        return contents
    }

    /// `3_add_index.up.sql` → ("3", "add_index", up: true); nil for other names.
    static func parse(fileName: String) -> (version: String, title: String, up: Bool)? {
        for (suffix, up) in [(".up.sql", true), (".down.sql", false)] where fileName.hasSuffix(suffix) {
            guard let (version, title) = PlainLayout.split(stem: fileName.dropLast(suffix.count)) else { return nil }
            return (version, title, up)
        }
        return nil
    }
}
