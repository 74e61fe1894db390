import Testing
@testable import OnlineDDL

@Suite("Planning: files parsed on all cores, in file order")
struct PlannerInputTests {
    @Test func keepsFileOrderAndReportsEveryBadFile() {
        let files = (1...40).map { number in
            MigrationFile(
                version: "\(number)", name: "step", path: "\(number)_step.sql",
                contents: Array((number % 10 == 0 ? "ALTER TABLE t\(number) ADD" : "CREATE TABLE t\(number) (a int)").utf8))
        }
        let parsed = MigrationPlanner.Input.parse(files)
        #expect(parsed.inputs.map(\.file.path) == files.filter { !$0.path.hasSuffix("0_step.sql") }.map(\.path))
        #expect(parsed.inputs.map { $0.script.statements.first?.text } == parsed.inputs.map { "CREATE TABLE t\($0.file.version) (a int)" })
        #expect(parsed.syntaxErrors.map(\.file) == ["10_step.sql", "20_step.sql", "30_step.sql", "40_step.sql"])
    }

    @Test func concurrentMapKeepsOrder() {
        let numbers = Array(0..<1000)
        #expect(numbers.concurrentMap { $0 * 2 } == numbers.map { $0 * 2 })
        #expect([7].concurrentMap { $0 + 1 } == [8])
        #expect([Int]().concurrentMap { $0 } == [])
    }
}
