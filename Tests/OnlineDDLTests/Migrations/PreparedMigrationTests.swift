import Testing
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing
@testable import OnlineDDLSupport

@Suite("Migrations: prepared migrations")
struct PreparedMigrationTests {
    private static func file(_ version: String, _ text: String) -> MigrationFile {
        MigrationFile(version: version, name: "m\(version)", path: "db/\(version)_m\(version).sql", contents: Array(text.utf8))
    }

    /// The error preparing `text` raises, checked to name the file.
    private static func failure(_ text: String) -> SQLSyntaxError? {
        let error = #expect(throws: SQLSyntaxError.self) { try PreparedMigration(file: file("0001", text)) }
        #expect(error?.file == "db/0001_m0001.sql")
        return error
    }

    @Test func checksumIsTheSHA256OfTheFileBytes() throws {
        let migration = try PreparedMigration(file: Self.file("0001", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n"))
        // From coreutils sha256sum of the same bytes.
        #expect(migration.checksum == "fbaca0e3aed1a96828ec30505af5e0a5484aa49d1d2d26d128f4ffb2cbe91e26")
        #expect(migration.script.statements.map(\.nodeType) == ["CreateStmt"])
        #expect(migration.directives == MigrationDirectives())
    }

    @Test func readsTheDirectives() throws {
        let migration = try PreparedMigration(file: Self.file("2", "-- onlineddl:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);"))
        #expect(migration.directives.noTransaction)
    }

    @Test(arguments: ["", "\n\n", "-- nothing to do yet\n", "/* a\n   b */  ", ";", " ;\n;;\n", "\u{FEFF}-- bom\n"])
    func fileWithoutStatementsIsANoOpMigration(text: String) throws {
        let migration = try PreparedMigration(file: Self.file("0001", text))
        #expect(migration.script.statements.isEmpty)
        #expect(migration.checksum == SHA256.hexDigest(Array(text.utf8)))
    }

    @Test func theChecksumOfAFileWithAByteOrderMarkCoversTheMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("CREATE TABLE t (id int);\n".utf8)
        let migration = try PreparedMigration(file: MigrationFile(version: "1", name: "bom", path: "1_bom.sql", contents: bytes))
        #expect(migration.checksum == SHA256.hexDigest(bytes))
        #expect(migration.checksum != SHA256.hexDigest(Array(bytes.dropFirst(3))))
        #expect(migration.script.statements.map(\.location) == [SourceLocation(line: 1, column: 1)])
    }

    @Test(arguments: [
        ("CREATE TABLE t (id int);\nCREATE TABLE u (id int); COMMIT;\n", 2, 26, "COMMIT without BEGIN"),
        ("-- é\nSTART TRANSACTION ISOLATION LEVEL SERIALIZABLE;\nSELECT 1;\n", 2, 1, "BEGIN without COMMIT"),
        ("SELECT 'ü'; SAVEPOINT s;\n", 1, 13, "SAVEPOINT, RELEASE and ROLLBACK TO only work inside"),
        ("BEGIN;\nSELECT 1;\nROLLBACK;\n", 3, 1, "discards what the block opened at line 1 did"),
    ])
    func misplacedTransactionControlIsAnErrorAtItsFirstToken(text: String, line: Int, column: Int, message: String) {
        let error = Self.failure(text)
        #expect(error?.location == SourceLocation(line: line, column: column))
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func blocksArePrepared() throws {
        let migration = try PreparedMigration(file: Self.file("1", "CREATE TABLE t (id int);\n  BEGIN;\nCREATE TABLE u (id int);\nCOMMIT;\n"))
        #expect(migration.script.statements.count == 4)
    }

    @Test func directiveErrorsComeThrough() {
        let error = Self.failure("-- onlineddl:lock-timeout=soon\nSELECT 1;")
        #expect(error?.location == SourceLocation(line: 1, column: 1))
        #expect(error?.message.contains("invalid duration 'soon'") == true)
    }

    @Test func prepareAllCollectsTheErrorsOfEveryFile() {
        let files = [
            Self.file("1", "SELECT 1;"),
            Self.file("2", "SELEC 2;\n"),
            Self.file("3", "SELECT 3;"),
            Self.file("4", "SELECT 4;\nSELEC 5;"),
            Self.file("5", "SELECT 5;\nCOMMIT;"),
        ]
        guard case .failure(let failure) = PreparedMigration.prepareAll(files) else {
            Issue.record("expected the bad files to fail")
            return
        }
        #expect(failure.errors.map { "\($0.file):\($0.location)" } == ["db/2_m2.sql:1:1", "db/4_m4.sql:2:1", "db/5_m5.sql:2:1"])
        #expect(failure.description.split(separator: "\n").count == 3)
    }

    @Test func aFileThatCouldNotBeReadFailsWithItsReadError() {
        let unreadable = SQLSyntaxError(
            file: "db/2_m2.sql", location: SourceLocation(line: 1, column: 1), message: "cannot be read (check permissions)", kind: .unreadable)
        let files = [Self.file("1", "SELECT 1;"), MigrationFile(version: "2", name: "m2", path: "db/2_m2.sql", readError: unreadable)]
        #expect(PreparedMigration.prepareEach(files).map { (try? $0.get()) == nil } == [false, true])
        guard case .failure(let failure) = PreparedMigration.prepareAll(files) else {
            Issue.record("expected the unreadable file to fail")
            return
        }
        #expect(failure.errors == [unreadable])
    }

    @Test func prepareAllKeepsTheOrderWhenEveryFileIsGood() throws {
        let files = [Self.file("1", "SELECT 1;"), Self.file("10", "SELECT 10;"), Self.file("2", "SELECT 2;")]
        let prepared = try PreparedMigration.prepareAll(files).get()
        #expect(prepared.map(\.file.version) == ["1", "10", "2"])
    }
}
