import Foundation

/// A folder of migrations, read as one of the layouts of `MigrationLayout`, in version order.
///
/// Every migration file is read before anything runs. A file the layout cannot name, two
/// files with one version, or a folder without any migration is an error. A file that cannot
/// be read is kept with its ``MigrationFile/readError``, so that every such file is reported,
/// not the first. Down migrations and files the layout's own tool runs but onlineddl does not
/// are listed in `ignored`, for reporting.
public struct MigrationDirectory: Sendable {
    /// The folder as given.
    public let path: String
    /// The layout the folder was read as: the one given, or the one detected for `auto`.
    public let layout: MigrationLayout
    /// The migrations, in the order the layout's tool runs them (by version, numerically,
    /// except Prisma's and Supabase's, by name).
    public let files: [MigrationFile]
    /// Files and sections that are not run.
    public let ignored: [IgnoredMigrationPart]

    /// Reads every migration file of `path` as `layout` names them.
    public init(path: String, layout: MigrationLayout = .auto) throws(MigrationInputError) {
        let folder = try MigrationFolder(path: path)
        let detected = layout == .auto ? try MigrationLayout.detected(in: folder) : layout
        let contents = try detected.read(folder)
        guard !contents.files.isEmpty else {
            throw .noMigrations(path, tried: layout == .auto ? MigrationLayout.readable : [layout], holds: folder.summary)
        }
        var seen: [String: String] = [:]
        for file in contents.files {
            if let other = seen[file.canonicalVersion] {
                throw .duplicateVersion(file.version, [other, file.path])
            }
            seen[file.canonicalVersion] = file.path
        }
        self.path = path
        self.layout = detected
        self.files = contents.files.sorted(by: detected.runsBefore)
        self.ignored = contents.ignored
    }
}

extension MigrationDirectory {
    /// The migration folder that holds `file`, so that `plan FILE` reads the file with the
    /// migrations that run before it: the file's own folder when that one reads as a layout
    /// that lists the file, else the folder above it when that one does (diesel's
    /// `VERSION_name/up.sql` and Prisma's `TIMESTAMP_name/migration.sql` are each in a folder
    /// of their own), else the file's own folder, whose reading then says what is wrong.
    public static func folder(holding file: String, layout: MigrationLayout) -> String {
        var listings = FolderListings()
        return folder(holding: file, layout: layout, listings: &listings)
    }

    /// What candidate folders list, by standardized path (nil: not a readable migration
    /// folder), so that finding the folders of many files reads each candidate once.
    public struct FolderListings: Sendable {
        fileprivate var listed: [String: Set<String>?] = [:]

        public init() {}
    }

    /// ``folder(holding:layout:)``, reading each candidate folder at most once across calls
    /// that share `listings`.
    public static func folder(holding file: String, layout: MigrationLayout, listings: inout FolderListings) -> String {
        let parent = enclosingFolder(of: file)
        let target = standardized(file)
        for candidate in [parent, enclosingFolder(of: parent)] {
            let key = standardized(candidate)
            if listings.listed[key] == nil {
                listings.listed[key] = .some((try? MigrationDirectory(path: candidate, layout: layout)).map { directory in
                    Set((directory.files.map(\.path) + directory.ignored.map(\.path)).map(standardized))
                })
            }
            if let listed = listings.listed[key] ?? nil, listed.contains(target) { return candidate }
        }
        return parent
    }

    /// The folder `path` is in, written relative as `path` is: `.` for a bare name,
    /// `./..` for `.`.
    private static func enclosingFolder(of path: String) -> String {
        let last = (path as NSString).lastPathComponent
        if last == "." || last == ".." { return (path as NSString).appendingPathComponent("..") }
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
