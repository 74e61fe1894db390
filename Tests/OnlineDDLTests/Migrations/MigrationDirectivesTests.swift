import Testing
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing

@Suite("Migrations: migration directives")
struct MigrationDirectivesTests {
    private static func directives(_ sql: String) throws -> MigrationDirectives {
        try MigrationDirectives(script: SQLScript(file: "0001_m.sql", text: sql))
    }

    /// The error a file's directives raise, checked to name the file.
    private static func failure(_ sql: String) throws -> SQLSyntaxError? {
        let script = try SQLScript(file: "0001_m.sql", text: sql)
        let error = #expect(throws: SQLSyntaxError.self) { try MigrationDirectives(script: script) }
        #expect(error?.file == "0001_m.sql")
        return error
    }

    @Test func readsEveryDirective() throws {
        let directives = try Self.directives("""
            -- onlineddl:no-transaction
            -- onlineddl:lock-timeout=500ms
            -- onlineddl:statement-timeout=30m
            -- onlineddl:max-attempts=20
            -- onlineddl:parallel-workers=4
            CREATE INDEX CONCURRENTLY accounts_email ON accounts (email);
            """)
        #expect(directives.noTransaction)
        #expect(directives.lockTimeout == .milliseconds(500))
        #expect(directives.statementTimeout == .seconds(1_800))
        #expect(directives.maxAttempts == 20)
        #expect(directives.parallelWorkers == 4)
    }

    @Test func withoutDirectivesEverythingIsDefault() throws {
        let directives = try Self.directives("-- adds a column\nALTER TABLE accounts ADD COLUMN note text;")
        #expect(directives == MigrationDirectives())
        #expect(!directives.noTransaction)
        #expect(directives.lockTimeout == nil && directives.statementTimeout == nil && directives.maxAttempts == nil)
        #expect(directives.parallelWorkers == nil)
    }

    @Test func blockCommentsAndTextAfterTheDirectiveWork() throws {
        let directives = try Self.directives("""
            /* onlineddl:lock-timeout=2s */
            /*
               onlineddl:no-transaction because CREATE INDEX CONCURRENTLY
            */
            -- onlineddl:max-attempts=3 (the table is busy)
            SELECT 1;
            """)
        #expect(directives.lockTimeout == .seconds(2))
        #expect(directives.noTransaction)
        #expect(directives.maxAttempts == 3)
    }

    @Test func aFileWithOnlyCommentsHasOnlyLeadingComments() throws {
        #expect(try Self.directives("-- onlineddl:statement-timeout=1h\n").statementTimeout == .seconds(3_600))
    }

    @Test func unknownDirectiveIsAnErrorAtTheComment() throws {
        let unknown = try Self.failure("-- a note\n  -- onlineddl:no-transactions\nSELECT 1;")
        #expect(unknown?.location == SourceLocation(line: 2, column: 3))
        #expect(unknown?.message.contains("unknown directive onlineddl:no-transactions") == true)
    }

    @Test(arguments: [
        ("-- onlineddl:lock-timeout=5", "invalid duration '5'"),
        ("-- onlineddl:lock-timeout", "onlineddl:lock-timeout needs a value"),
        ("-- onlineddl:statement-timeout=1.5s", "invalid duration '1.5s'"),
        ("-- onlineddl:max-attempts=0", "max-attempts needs a whole number of at least 1"),
        ("-- onlineddl:max-attempts=many", "max-attempts needs a whole number of at least 1"),
        ("-- onlineddl:max-attempts", "max-attempts needs a whole number of at least 1"),
        ("-- onlineddl:no-transaction=1", "onlineddl:no-transaction takes no value"),
        ("-- onlineddl:parallel-workers=-1", "parallel-workers needs a whole number from 0 to 1024"),
        ("-- onlineddl:parallel-workers=1025", "parallel-workers needs a whole number from 0 to 1024"),
        ("-- onlineddl:parallel-workers", "parallel-workers needs a whole number from 0 to 1024"),
    ])
    func badValuesAreErrorsAtTheComment(comment: String, message: String) throws {
        let error = try Self.failure("-- first line\n\t\(comment)\nSELECT 1;")
        #expect(error?.location == SourceLocation(line: 2, column: 2))
        #expect(error?.message.contains(message) == true)
    }

    @Test func directivesAfterTheFirstStatementAreErrors() throws {
        let sameLine = try Self.failure("SELECT 1; -- onlineddl:no-transaction")
        #expect(sameLine?.location == SourceLocation(line: 1, column: 11))
        #expect(sameLine?.message.contains("must be in the comments before the file's first statement") == true)
        let inside = try Self.failure("SELECT /* onlineddl:lock-timeout=1s */ 1;")
        #expect(inside?.location == SourceLocation(line: 1, column: 8))
        let later = try Self.failure("-- onlineddl:max-attempts=2\nSELECT 1;\n/* onlineddl:max-attempts=3 */\nSELECT 2;")
        #expect(later?.location == SourceLocation(line: 3, column: 1))
    }

    @Test func lintIgnoreCommentsAreNotDirectivesAnywhere() throws {
        let directives = try Self.directives("""
            -- onlineddl:ignore-file require-concurrent-index
            -- onlineddl:lock-timeout=1s
            -- onlineddl:ignore add-column-volatile-default
            ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid(); -- onlineddl:ignore volatile-default
            /* onlineddl:ignore-file another-rule */
            SELECT 1;
            """)
        #expect(directives.lockTimeout == .seconds(1))
        #expect(!directives.noTransaction)
    }

    @Test func otherCommentsMentioningOnlineddlAreNotDirectives() throws {
        let directives = try Self.directives("-- run with onlineddl:no-transaction? no.\nSELECT 1; -- see onlineddl:lock-timeout")
        #expect(directives == MigrationDirectives())
    }
}
