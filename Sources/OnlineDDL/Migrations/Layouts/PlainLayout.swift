import OnlineDDLSupport

/// onlineddl's own names: `VERSION_name.sql`, VERSION being digits. Files that do not end
/// in `.sql` (READMEs) are ignored; a `.sql` file named otherwise is an error.
enum PlainLayout {
    static func read(_ folder: MigrationFolder) throws(MigrationInputError) -> LayoutContents {
        var contents = LayoutContents()
        for name in folder.files where name.hasSuffix(".sql") {
            guard let (version, migrationName) = split(fileName: name) else {
                throw .badFileName(folder.path(of: name), .plain)
            }
            contents.files.append(folder.migration(at: name, version: version, name: migrationName))
        }
        return contents
    }

    /// `0003_add_index.sql` → ("0003", "add_index"); nil for other names.
    static func split(fileName: String) -> (version: String, name: String)? {
        guard fileName.hasSuffix(".sql"), let (version, name) = split(stem: fileName.dropLast(".sql".count)), !name.isEmpty else {
            return nil
        }
        return (version, name)
    }

    /// `0003_add_index` → ("0003", "add_index"): the digits before the first underscore and
    /// the rest, which may be empty.
    static func split(stem: Substring) -> (version: String, name: String)? {
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let version = stem[..<underscore]
        guard !version.isEmpty, version.allSatisfy(\.isASCIIDigit) else { return nil }
        return (String(version), String(stem[stem.index(after: underscore)...]))
    }
}
