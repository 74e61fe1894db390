import Testing
@testable import OnlineDDL

@Suite("Support: text on one line")
struct SingleLineTests {
    @Test func collapsesAndTrimsSQLWhiteSpace() {
        #expect(" \tSELECT\n  1,\r\n\u{0B}2 \u{0C}".singleLine(limit: 80) == "SELECT 1, 2")
        #expect(" \n\t".singleLine(limit: 80) == "")
    }

    @Test func cutsAtTheLimitInUnicodeScalars() {
        #expect("abc def".singleLine(limit: 7) == "abc def")
        #expect("abc  def".singleLine(limit: 6) == "abc d…")
        #expect("é😀e\u{301}xyz".singleLine(limit: 5) == "é😀e\u{301}…")
    }
}
