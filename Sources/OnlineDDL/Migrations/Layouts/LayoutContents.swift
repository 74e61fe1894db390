/// What a layout found in a folder: the migrations to run, and the rest it does not run.
struct LayoutContents {
    var files: [MigrationFile] = []
    var ignored: [IgnoredMigrationPart] = []
}
