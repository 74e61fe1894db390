import Testing
@testable import OnlineDDLParsing

@Suite("Parsing: SQLScript splits with PostgreSQL's grammar")
struct SQLScriptTests {
    /// A migration with every construct that defeats a naive splitter.
    static let migration = """
        -- 0001_functions.sql
        CREATE FUNCTION touch() RETURNS trigger AS $$
        BEGIN NEW.updated_at := now(); RETURN NEW; END;
        $$ LANGUAGE plpgsql;
        DO $body$ BEGIN RAISE NOTICE 'a;b'; END $body$;
          /* block */ INSERT INTO notes VALUES ('semi;colon', E'it''s;');
        ALTER TABLE notes ADD COLUMN n int;
        """

    @Test func splitsAtTheRightPlaces() throws {
        let script = try SQLScript(file: "0001_functions.sql", text: Self.migration)
        #expect(script.statements.map(\.location) == [
            SourceLocation(line: 2, column: 1),
            SourceLocation(line: 5, column: 1),
            SourceLocation(line: 6, column: 15),
            SourceLocation(line: 7, column: 1),
        ])
        #expect(script.statements.map(\.nodeType) == ["CreateFunctionStmt", "DoStmt", "InsertStmt", "AlterTableStmt"])
        #expect(script.statements[1].text == "DO $body$ BEGIN RAISE NOTICE 'a;b'; END $body$")
        #expect(script.statements[2].text == "INSERT INTO notes VALUES ('semi;colon', E'it''s;')")
        #expect(script.statements[3].text == "ALTER TABLE notes ADD COLUMN n int")
    }

    @Test func byteRangesSliceTheOriginalText() throws {
        let script = try SQLScript(file: "f.sql", text: Self.migration)
        let bytes = Array(Self.migration.utf8)
        for statement in script.statements {
            #expect(String(decoding: bytes[statement.byteRange], as: UTF8.self) == statement.text)
        }
    }

    @Test func syntaxErrorOnLineSevenIsLocated() throws {
        let text = """
            CREATE TABLE a (id int);
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;
            DO $$ BEGIN PERFORM 1; END $$;
            SELECT 'x;y';
            -- a comment; with a semicolon
            INSERT INTO a VALUES (1);
            ALTER TABLE a ADD COLUMN;
            SELECT 1;
            """
        #expect(throws: SQLSyntaxError(file: "0007_bad.sql", location: SourceLocation(line: 7, column: 25), message: "syntax error at or near \";\"")) {
            try SQLScript(file: "0007_bad.sql", text: text)
        }
    }

    @Test func errorDescriptionIsFileLineColumnMessage() {
        let error = SQLSyntaxError(file: "m/0002_x.sql", location: SourceLocation(line: 3, column: 9), message: "syntax error at or near \"TABLE\"")
        #expect(error.description == "m/0002_x.sql:3:9: syntax error at or near \"TABLE\"")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = "SELECT 'héllo wörld';  SELECT 'ünïcödé' FROM;"
        do {
            _ = try SQLScript(file: "u.sql", text: text)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.location == SourceLocation(line: 1, column: 45))
        }
        let script = try SQLScript(file: "u.sql", text: "SELECT 'é';SELECT 2")
        #expect(script.statements.map(\.location) == [SourceLocation(line: 1, column: 1), SourceLocation(line: 1, column: 12)])
    }

    @Test func unterminatedStringPointsAtItsStart() throws {
        #expect(throws: SQLSyntaxError(file: "s.sql", location: SourceLocation(line: 2, column: 8), message: "unterminated quoted string at or near \"'oops\n\"")) {
            try SQLScript(file: "s.sql", text: "SELECT 1;\nSELECT 'oops\n")
        }
    }

    @Test func rejectsInvalidUTF8AndNulBytes() {
        #expect(throws: SQLSyntaxError(file: "b.sql", location: SourceLocation(line: 2, column: 8), message: "file is not valid UTF-8 at byte 0xFF; save it as UTF-8", kind: .unreadable)) {
            try SQLScript(file: "b.sql", contents: Array("SELECT 1;\nSELECT ".utf8) + [0xFF, 0xFE])
        }
        #expect(throws: SQLSyntaxError(file: "b.sql", location: SourceLocation(line: 1, column: 10), message: "file contains a NUL byte; is it a binary file?", kind: .unreadable)) {
            try SQLScript(file: "b.sql", contents: Array("SELECT 1;".utf8) + [0] + Array("DROP TABLE x;".utf8))
        }
    }

    /// A UTF-8 byte-order mark is skipped: column 1 of line 1 is the character after it,
    /// other lines keep their columns, and byte ranges stay those of the file.
    @Test func aByteOrderMarkIsSkipped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let script = try SQLScript(file: "bom.sql", contents: bom + Array("CREATE TABLE t (id int); -- note\n  SELECT 1;\n".utf8))
        #expect(script.statements.map(\.text) == ["CREATE TABLE t (id int)", "SELECT 1"])
        #expect(script.statements.map(\.location) == [SourceLocation(line: 1, column: 1), SourceLocation(line: 2, column: 3)])
        #expect(script.statements[0].byteRange == 3..<26)
        #expect(script.comments.map(\.location) == [SourceLocation(line: 1, column: 26)])
        #expect(throws: SQLSyntaxError(file: "bom.sql", location: SourceLocation(line: 1, column: 1), message: "syntax error at or near \"SELEC\"")) {
            try SQLScript(file: "bom.sql", contents: bom + Array("SELEC 1;\n".utf8))
        }
        #expect(throws: SQLSyntaxError(file: "bom.sql", location: SourceLocation(line: 2, column: 12), message: "syntax error at or near \";\"")) {
            try SQLScript(file: "bom.sql", contents: bom + Array("SELECT 1;\nSELECT FROM;\n".utf8))
        }
        #expect(try SQLScript(file: "bom.sql", contents: bom).statements.isEmpty)
        // Only at the start: elsewhere U+FEFF is a character PostgreSQL does not take as space.
        #expect(throws: SQLSyntaxError.self) { try SQLScript(file: "bom.sql", contents: Array("SELECT 1;\n".utf8) + bom + Array("SELECT 2;".utf8)) }
    }

    @Test func emptyAndCommentOnlyFilesHaveNoStatements() throws {
        #expect(try SQLScript(file: "e.sql", text: "").statements.isEmpty)
        let onlyComments = try SQLScript(file: "c.sql", text: "-- nothing here\n/* nor here */\n")
        #expect(onlyComments.statements.isEmpty)
        #expect(onlyComments.comments.map(\.text) == ["-- nothing here", "/* nor here */"])
    }

    @Test func commentsKeepTheirLocations() throws {
        let script = try SQLScript(file: "c.sql", text: "-- onlineddl:no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a); -- onlineddl:ignore some-rule\n")
        #expect(script.comments.map(\.text) == ["-- onlineddl:no-transaction", "-- onlineddl:ignore some-rule"])
        #expect(script.comments.map(\.location) == [SourceLocation(line: 1, column: 1), SourceLocation(line: 2, column: 39)])
        #expect(script.statements.first?.location == SourceLocation(line: 2, column: 1))
    }

    @Test func trailingCommentBeforeSemicolonIsNotPartOfTheStatement() throws {
        let script = try SQLScript(file: "t.sql", text: "SELECT 1 -- why\n;\nSELECT 2")
        #expect(script.statements.map(\.text) == ["SELECT 1", "SELECT 2"])
    }

    @Test func treeIsDecoded() throws {
        let script = try SQLScript(file: "t.sql", text: "ALTER TABLE ONLY public.accounts ADD COLUMN note text DEFAULT 'n/a'")
        let alter = try #require(script.statements.first?.tree.typed("AlterTableStmt"))
        #expect(alter["relation"]?["schemaname"]?.stringValue == "public")
        #expect(alter["relation"]?["relname"]?.stringValue == "accounts")
        #expect(alter["relation"]?["inh"]?.boolValue == nil, "ONLY clears inh, and libpg_query omits false fields")
        let command = try #require(alter["cmds"]?.elements.first?.typed("AlterTableCmd"))
        #expect(command["subtype"]?.stringValue == "AT_AddColumn")
        #expect(command["def"]?.typed("ColumnDef")?["colname"]?.stringValue == "note")
    }
}
