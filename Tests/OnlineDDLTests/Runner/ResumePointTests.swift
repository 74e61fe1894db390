import Testing
@testable import OnlineDDLAnalysis
@testable import OnlineDDLRunner

@Suite("Runner: where a cut-off migration resumes")
struct ResumePointTests {
    /// A block of statements 1-3, then statements 4 and 5 on their own.
    static let units = [
        ExecutionUnit(kind: .block, statements: 0..<3), ExecutionUnit(kind: .statement, statements: 3..<4),
        ExecutionUnit(kind: .statement, statements: 4..<5),
    ]

    @Test func aFreshMigrationRunsEveryUnit() {
        let resume = ResumePoint(units: Self.units, statementsApplied: 0, statementCount: 5)
        #expect(Array(resume.pending) == Self.units)
        #expect(resume.resumeAfter == 0)
    }

    @Test func itResumesAfterTheLastCommittedUnit() {
        let resume = ResumePoint(units: Self.units, statementsApplied: 4, statementCount: 5)
        #expect(Array(resume.pending) == [ExecutionUnit(kind: .statement, statements: 4..<5)])
        #expect(resume.resumeAfter == 4)
    }

    /// Progress inside a unit cannot be recorded (a unit commits with it), but if a row says
    /// so the unit runs again whole.
    @Test func aUnitPartlyRecordedRunsAgainWhole() {
        let resume = ResumePoint(units: Self.units, statementsApplied: 2, statementCount: 5)
        #expect(Array(resume.pending) == Self.units)
        #expect(resume.resumeAfter == 0)
    }

    @Test func aCompletelyRecordedFileHasNothingLeft() {
        let resume = ResumePoint(units: Self.units, statementsApplied: 5, statementCount: 5)
        #expect(resume.pending.isEmpty)
        #expect(resume.resumeAfter == 5)
    }

    @Test func aFileInOneTransactionResumesFromItsStart() {
        let whole = [ExecutionUnit(kind: .file, statements: 0..<3)]
        #expect(ResumePoint(units: whole, statementsApplied: 0, statementCount: 3).resumeAfter == 0)
        #expect(ResumePoint(units: whole, statementsApplied: 0, statementCount: 3).pending.count == 1)
    }
}
