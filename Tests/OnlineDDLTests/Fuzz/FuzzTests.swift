import Foundation
import Testing
@testable import OnlineDDLParsing

/// Mutated real migrations through the splitter, parser, analyzer, directive reader,
/// `PreparedMigration` and offline planner: no crash, no hang, every failure a located
/// ``SQLSyntaxError``. Deterministic: a fixed list of seeds. For a longer run:
///
///     ONLINEDDL_FUZZ_ITERATIONS=200000 swift test --filter Fuzz
@Suite("Fuzz: hostile SQL never crashes or hangs, and every failure is a located error", .timeLimit(.minutes(60)))
struct FuzzTests {
    static let seeds: [UInt64] = [1, 2, 3, 5, 8, 13, 21, 34]
    /// Cases per run: `ONLINEDDL_FUZZ_ITERATIONS`, else enough for a few seconds.
    static let iterations = ProcessInfo.processInfo.environment["ONLINEDDL_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 800
    /// No single case may take longer, however large the mutation (debug build).
    static let slowestAllowed = Duration.seconds(5)

    @Test func mutatedMigrationsFailCleanly() {
        let clock = ContinuousClock()
        let started = clock.now
        var failures: [String] = []
        var slowest = (time: Duration.zero, input: "")
        var cases = 0
        for seed in Self.seeds {
            var mutator = SQLMutator(seed: seed, corpus: FuzzCorpus.entries)
            for index in 0..<max(1, Self.iterations / Self.seeds.count) {
                let bytes = mutator.next()
                let caseStarted = clock.now
                let problems = PipelineCheck.problems(bytes)
                let time = clock.now - caseStarted
                cases += 1
                if time > slowest.time { slowest = (time, "seed \(seed) case \(index): \(Self.excerpt(bytes))") }
                if !problems.isEmpty, failures.count < 20 {
                    failures.append("seed \(seed) case \(index): \(problems.joined(separator: "; ")) in \(Self.excerpt(bytes))")
                }
            }
        }
        print("fuzz: \(cases) cases in \(clock.now - started); slowest \(slowest.time) (\(slowest.input))")
        #expect(FuzzCorpus.exampleFiles.count >= 25 && FuzzCorpus.groundTruthStatements.count >= 200, "the corpus was not found")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(slowest.time < Self.slowestAllowed, "slowest case: \(slowest.input)")
    }

    /// Cut at every byte: a dollar-quoted function body with directives, a statement-by-
    /// statement file, and quoted identifiers, escapes and comments.
    @Test func everyTruncationIsAStatementListOrALocatedError() throws {
        let files = try ["0021_sync_accounts_display_name.sql", "0007_index_accounts_referred_by.sql"].map { name in
            try #require(FuzzCorpus.exampleFile(name))
        } + [Array("ALTER TABLE \"wéird \"\"name\"\"\" ADD COLUMN c text DEFAULT E'it''s\\n' /* c */;\n".utf8)]
        var failures: [String] = []
        for file in files {
            for cut in 0...file.count {
                let problems = PipelineCheck.problems(Array(file[..<cut]))
                if !problems.isEmpty { failures.append("cut at \(cut): \(problems.joined(separator: "; "))") }
            }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }

    /// Statements nested far too deeply, by name. libpg_query writes trees recursively with
    /// no depth check (70,000 `+1` once killed the process), and its parser's own stack
    /// ends at 10,000 levels.
    static let tooDeep: [String: String] = [
        "parentheses": "SELECT " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000),
        "operators": "SELECT 1" + String(repeating: "+1", count: 80_000),
        "casts": "SELECT 1" + String(repeating: "::int", count: 10_000),
        "set operations": "SELECT 1" + String(repeating: " UNION ALL SELECT 1", count: 10_000),
        "joins": "SELECT * FROM t" + String(repeating: " JOIN t ON true", count: 10_000),
        "subqueries": "SELECT * FROM " + String(repeating: "(SELECT * FROM ", count: 5_000) + "t" + String(repeating: ") x", count: 5_000),
        "arrays": "SELECT ARRAY" + String(repeating: "[", count: 12_000) + "1" + String(repeating: "]", count: 12_000),
        "calls": "SELECT " + String(repeating: "f(", count: 9_000) + "1" + String(repeating: ")", count: 9_000),
    ]

    @Test(arguments: tooDeep.keys.sorted())
    func deepNestingIsALocatedError(name: String) {
        let text = "SELECT 1;\n-- \(name)\n  \(Self.tooDeep[name]!);\n"
        #expect(PipelineCheck.problems(Array(text.utf8)).isEmpty)
        #expect {
            try SQLScript(file: "deep.sql", text: text)
        } throws: { error in
            guard let error = error as? SQLSyntaxError, error.location.line == 3 else { return false }
            return error.location.column == 3 && error.message.contains("nested too deeply")
                || error.message.hasPrefix("memory exhausted at or near") && error.message.hasSuffix("than PostgreSQL's parser allows)")
        }
    }

    /// PostgreSQL's lexer takes quadratic time on long runs of operator characters (160 kB
    /// of `-+` took minutes): they are refused at once.
    @Test(arguments: ["+", "/*", "*/", "-+", "<>"])
    func longOperatorRunsAreRefusedQuickly(unit: String) {
        let clock = ContinuousClock()
        let started = clock.now
        let text = "SELECT 1;\nSELECT 1 \(String(repeating: unit, count: 20_000));\n"
        #expect(PipelineCheck.problems(Array(text.utf8)).isEmpty)
        #expect {
            try SQLScript(file: "run.sql", text: text)
        } throws: { error in
            (error as? SQLSyntaxError)?.location == SourceLocation(line: 2, column: 10)
                && (error as? SQLSyntaxError)?.message.hasPrefix("\(20_000 * unit.count) operator characters in a row") == true
        }
        #expect(clock.now - started < .seconds(2))
        let longestAllowed = String(repeating: "-+", count: SQLParser.maxOperatorRun / 2)
        #expect(throws: SQLSyntaxError.self) { try SQLScript(file: "run.sql", text: "SELECT 1 \(longestAllowed)") }
        #expect(clock.now - started < .seconds(4))
    }

    /// Nested comments separated by spaces are read in linear time, however deep.
    @Test func deeplyNestedCommentsAreRead() throws {
        let open = String(repeating: "/* ", count: 100_000)
        #expect(try SQLScript(file: "c.sql", text: "SELECT 1 \(open)\(String(repeating: "*/ ", count: 100_000));").statements.count == 1)
        #expect(throws: SQLSyntaxError.self) { try SQLScript(file: "c.sql", text: "SELECT 1 \(open);") }
        #expect(PipelineCheck.problems(Array("SELECT 1 \(open);".utf8)).isEmpty)
    }

    /// Deep statements under the limit are analyzed as usual.
    static let deepButReasonable: [String: String] = [
        "operators": "SELECT 1" + String(repeating: "+1", count: 900),
        "set operations": "INSERT INTO t SELECT 1" + String(repeating: " UNION ALL SELECT 1", count: 1_000),
        "joins": "CREATE VIEW v AS SELECT * FROM t" + String(repeating: " JOIN t ON true", count: 900),
        "check": "ALTER TABLE t ADD CONSTRAINT c CHECK (a > 1" + String(repeating: "+1", count: 900) + ")",
        "long list": "SELECT 1 WHERE a IN (" + Array(repeating: "1", count: 10_000).joined(separator: ",") + ")",
    ]

    @Test(arguments: deepButReasonable.keys.sorted())
    func deepButReasonableStatementsAreAnalyzed(name: String) throws {
        let text = Self.deepButReasonable[name]! + ";\n"
        #expect(try SQLScript(file: "deep.sql", text: text).statements.count == 1)
        #expect(PipelineCheck.problems(Array(text.utf8)).isEmpty)
    }

    @Test func aStatementOverTheTokenLimitIsALocatedError() {
        let sql = "SELECT 1;\n-- many\nSELECT " + Array(repeating: "1", count: ParserThread.maxStatementTokens / 2 + 1).joined(separator: ",") + ";\n"
        #expect(throws: SQLSyntaxError(
            file: "big.sql", location: SourceLocation(line: 3, column: 1),
            message: "statement has more than \(ParserThread.maxStatementTokens) tokens, more than onlineddl analyzes in one statement; split it into smaller statements"
        )) {
            try SQLScript(file: "big.sql", text: sql)
        }
    }

    /// Locations cost the same however long the line: a minified file once took minutes.
    @Test func aMinifiedFileIsReadInLinearTime() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let script = try SQLScript(file: "minified.sql", text: String(repeating: "ALTER TABLE t ADD COLUMN c int; ", count: 10_000))
        #expect(script.statements.count == 10_000)
        #expect(script.statements.last?.location == SourceLocation(line: 1, column: 9_999 * 32 + 1))
        #expect(clock.now - started < .seconds(5))
    }

    /// Up to 80 bytes of an input, escaped, to name a failing case.
    static func excerpt(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription
        return "\(bytes.count) bytes \(text)\(bytes.count > 80 ? "…" : "")"
    }
}
