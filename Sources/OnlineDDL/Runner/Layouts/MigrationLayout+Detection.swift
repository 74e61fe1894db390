import Foundation

extension MigrationLayout {
    /// The one layout whose names the folder uses, or plain when it uses none. A folder whose
    /// names fit more than one layout is an error that lists them, so that `--layout`
    /// settles it: onlineddl never guesses which files to run.
    ///
    /// golang-migrate is shown by `.up.sql` and `.down.sql` names, Flyway by `V`, `U`, `R__`
    /// and `B` names (in subfolders too), diesel by `VERSION_name` folders holding `up.sql`,
    /// and dbmate by `VERSION_name.sql` files with a `-- migrate:up` comment; other
    /// `VERSION_name.sql` files are plain.
    static func detected(in folder: MigrationFolder) throws(MigrationInputError) -> MigrationLayout {
        let sqlFiles = folder.files.filter { $0.hasSuffix(".sql") }
        let golangMigrate = sqlFiles.filter { GolangMigrateLayout.parse(fileName: $0) != nil }
        var plain: [String] = []
        var dbmate: [String] = []
        for name in sqlFiles where PlainLayout.split(fileName: name) != nil && GolangMigrateLayout.parse(fileName: name) == nil {
            // A file that cannot be read shows neither: its layout reports it.
            guard case .success(let bytes) = folder.read(name) else { continue }
            if DbmateSections.hasUpMarker(bytes) {
                dbmate.append(name)
            } else {
                plain.append(name)
            }
        }
        let flyway = try folder.filesInSubfolders().filter { name in
            let kind = FlywayLayout.FileName((name as NSString).lastPathComponent)
            return kind != nil && kind != .callback
        }
        let diesel = folder.folders.filter {
            DieselLayout.split(folderName: $0) != nil && folder.hasFile(($0 as NSString).appendingPathComponent("up.sql"))
        }
        let matches = [(Self.plain, plain), (.golangMigrate, golangMigrate), (.flyway, flyway), (.dbmate, dbmate), (.diesel, diesel)]
            .filter { !$0.1.isEmpty }
            .map { LayoutMatch(layout: $0.0, names: $0.1) }
        guard matches.count <= 1 else { throw .ambiguousLayout(folder.path, matches) }
        return matches.first?.layout ?? .plain
    }
}
