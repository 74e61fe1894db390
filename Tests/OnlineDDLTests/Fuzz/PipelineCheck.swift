import Foundation
@testable import OnlineDDLAnalysis
@testable import OnlineDDLLint
@testable import OnlineDDLMigrations
@testable import OnlineDDLParsing
@testable import OnlineDDLPlanning
@testable import OnlineDDLReporting

/// Feeds one file through everything that reads SQL before a database is involved: the
/// splitter and parser, the analyzer, the directive reader, `PreparedMigration`, and the
/// offline planner with its lint rules and renderings. A crash or a hang ends the test
/// run; what this checks is that every failure is a clear ``SQLSyntaxError`` that points
/// into the file, and that what succeeds is consistent with the file's bytes.
enum PipelineCheck {
    static let file = "fuzz/0001_case.sql"
    /// Longest error message accepted: an error quoting a 100 kB token is not clear.
    static let maxMessageLength = 300
    private static let analyzers = [12, 15, 18].map { StatementAnalyzer(postgresMajorVersion: $0) }
    private static let planner = MigrationPlanner(postgresMajorVersion: 15, linter: Linter(configuration: LintConfiguration()))

    /// What went wrong with `bytes`; empty when everything behaved.
    static func problems(_ bytes: [UInt8]) -> [String] {
        let bounds = FileBounds(bytes)
        let script: SQLScript
        do {
            script = try SQLScript(file: file, contents: bytes)
        } catch {
            return bounds.problems(with: error, from: "SQLScript")
        }
        var problems = bounds.problems(in: script, bytes: bytes)
        for analyzer in analyzers {
            for statement in script.statements { _ = analyzer.analyze(statement) }
        }
        do {
            _ = try MigrationDirectives(script: script)
        } catch {
            problems += bounds.problems(with: error, from: "MigrationDirectives")
        }
        let migration = MigrationFile(version: "0001", name: "case", path: file, contents: bytes)
        var input = MigrationPlanner.Input(file: migration, script: script)
        do {
            input = MigrationPlanner.Input(try PreparedMigration(file: migration))
        } catch {
            problems += bounds.problems(with: error, from: "PreparedMigration")
        }
        let plan = planner.plan([input], connected: false)
        _ = PlanTextReport.render(plan)
        _ = GitHubAnnotations.render(plan)
        if let json = try? PlanJSONReport.render(plan) {
            let decoded = try? JSONDecoder().decode(MigrationPlan.self, from: Data(json.utf8))
            if decoded.flatMap({ try? PlanJSONReport.render($0) }) != json { problems.append("the plan's JSON does not decode back to it") }
        } else {
            problems.append("the plan does not encode as JSON")
        }
        return problems
    }
}

/// The lines of a file and their lengths in characters, as ``SourceLocation`` counts them.
struct FileBounds {
    /// Characters (UTF-8 sequence starts, or stray bytes) per line.
    let lineLengths: [Int]

    init(_ bytes: [UInt8]) {
        var lengths = [0]
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lengths.append(0)
            } else if byte & 0xC0 != 0x80 {
                lengths[lengths.count - 1] += 1
            }
        }
        lineLengths = lengths
    }

    /// Whether `location` is a position of the file: a character, or just after a line's last.
    func contains(_ location: SourceLocation) -> Bool {
        location.line >= 1 && location.line <= lineLengths.count
            && location.column >= 1 && location.column <= lineLengths[location.line - 1] + 1
    }

    func problems(with error: SQLSyntaxError, from stage: String) -> [String] {
        var problems: [String] = []
        if error.file != PipelineCheck.file { problems.append("\(stage): error names file \(error.file)") }
        if !contains(error.location) { problems.append("\(stage): error at \(error.location) is outside the file") }
        if error.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { problems.append("\(stage): empty message") }
        if error.message.count > PipelineCheck.maxMessageLength {
            problems.append("\(stage): message of \(error.message.count) characters: \(error.message.prefix(80))…")
        }
        if error.description != "\(error.file):\(error.location.line):\(error.location.column): \(error.message)" {
            problems.append("\(stage): description is not file:line:column: message")
        }
        return problems
    }

    func problems(in script: SQLScript, bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        for statement in script.statements {
            if statement.byteRange.lowerBound < 0 || statement.byteRange.upperBound > bytes.count {
                problems.append("statement range \(statement.byteRange) is outside \(bytes.count) bytes")
            } else if statement.text != String(decoding: bytes[statement.byteRange], as: UTF8.self) {
                problems.append("statement text is not the file's bytes at \(statement.byteRange)")
            }
            if !contains(statement.location) { problems.append("statement at \(statement.location) is outside the file") }
        }
        for comment in script.comments where !contains(comment.location) {
            problems.append("comment at \(comment.location) is outside the file")
        }
        return problems
    }
}
