import OnlineDDLAnalysis
import OnlineDDLParsing
import OnlineDDLSupport

/// A migration file read, parsed and checked before anything runs: its statements, its
/// directives and its checksum.
public struct PreparedMigration: Sendable {
    public let file: MigrationFile
    public let script: SQLScript
    /// The file's directives, and `noTransaction` also when its layout says so (dbmate's
    /// `transaction:false`).
    public let directives: MigrationDirectives
    /// SHA-256 of the file's bytes, in hexadecimal.
    public let checksum: String

    /// Parses and checks one file. Errors point at `file:line:column`. A file without a
    /// statement (empty, or only comments) is a no-op migration, as golang-migrate, Flyway and
    /// dbmate take it: applying it records its history row and runs nothing.
    public init(file: MigrationFile) throws(SQLSyntaxError) {
        let script = try file.parse()
        if let problem = ExecutionPlan.structureProblem(in: script) {
            throw SQLSyntaxError(file: file.path, location: problem.location, message: problem.message)
        }
        var directives = try MigrationDirectives(script: script)
        directives.noTransaction = directives.noTransaction || file.forcesNoTransaction
        self.file = file
        self.script = script
        self.directives = directives
        self.checksum = SHA256.hexDigest(file.contents)
    }

    /// Prepares every file, spread over the machine's cores, collecting every error (in file
    /// order) instead of stopping at the first.
    public static func prepareAll(_ files: [MigrationFile]) -> Result<[PreparedMigration], MigrationPreparationError> {
        var prepared: [PreparedMigration] = []
        var errors: [SQLSyntaxError] = []
        for result in prepareEach(files) {
            switch result {
            case .success(let migration): prepared.append(migration)
            case .failure(let error): errors.append(error)
            }
        }
        return errors.isEmpty ? .success(prepared) : .failure(MigrationPreparationError(errors: errors))
    }

    /// Prepares every file, spread over the machine's cores: each one prepared, or its error.
    public static func prepareEach(_ files: [MigrationFile]) -> [Result<PreparedMigration, SQLSyntaxError>] {
        files.concurrentMap { file in Result { () throws(SQLSyntaxError) in try PreparedMigration(file: file) } }
    }
}

/// Every file that cannot be run, each at `file:line:column`.
public struct MigrationPreparationError: Error, Sendable, CustomStringConvertible {
    public let errors: [SQLSyntaxError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
