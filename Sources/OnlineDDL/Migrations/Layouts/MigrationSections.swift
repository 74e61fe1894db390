import OnlineDDLParsing

/// The up and down parts of a migration file that holds both (dbmate's sections, goose's
/// annotations): what runs is the bytes before the down part, so every `line:column` of
/// the file is kept.
protocol MigrationSections {
    /// Reads the parts of `contents`; an error at `file:line:column` when they are wrong.
    init(file: String, contents: [UInt8]) throws(SQLSyntaxError)
    /// The byte offset at which the down part starts (the file's size without one).
    var upEnd: Int { get }
    /// Where the down part starts, when a statement follows its marker.
    var downSection: SourceLocation? { get }
    /// Whether the up part runs in one transaction.
    var transaction: Bool { get }
    /// How a report names the down part: `dbmate -- migrate:down section`.
    static var downPart: String { get }
}

extension MigrationSections {
    /// Where the down part that starts at the marker `down` is, when a statement follows
    /// the marker (nil without a marker, or with only comments after it).
    static func downSection(at down: SQLToken?, in tokens: [SQLToken], lines: LineIndex) -> SourceLocation? {
        guard let down, tokens.contains(where: { $0.kind == .other && $0.byteRange.lowerBound > down.byteRange.lowerBound }) else {
            return nil
        }
        return lines.location(ofByte: down.byteRange.lowerBound)
    }
}

extension LayoutContents {
    /// Adds the migration at `name` in `folder`, read as `Sections` cuts it, and its down
    /// part to the ignored ones; a file that cannot be read, or whose parts are wrong, is
    /// added with that error, which its use reports.
    mutating func append<Sections: MigrationSections>(
        _: Sections.Type, at name: String, in folder: MigrationFolder, version: String, name migrationName: String
    ) {
        let path = folder.path(of: name)
        let bytes: [UInt8]
        switch folder.read(name) {
        case .success(let read): bytes = read
        case .failure(let error):
            files.append(MigrationFile(version: version, name: migrationName, path: path, readError: error))
            return
        }
        do {
            let sections = try Sections(file: path, contents: bytes)
            files.append(MigrationFile(
                version: version, name: migrationName, path: path, contents: bytes, runnableByteCount: sections.upEnd,
                forcesNoTransaction: !sections.transaction))
            if let down = sections.downSection {
                ignored.append(IgnoredMigrationPart(kind: .down, path: "\(path):\(down.line)", reason: Sections.downPart))
            }
        } catch {
            files.append(MigrationFile(version: version, name: migrationName, path: path, contents: bytes, readError: error))
        }
    }
}
