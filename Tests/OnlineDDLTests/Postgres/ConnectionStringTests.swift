import Testing
@testable import OnlineDDLPostgres

@Suite("Postgres: connection strings never show passwords")
struct ConnectionStringTests {
    @Test func urlIsRedacted() {
        let url = ConnectionString("postgresql://app:s3cr%40t-pw@db.internal:6432/orders?sslmode=disable")
        #expect(url.redacted == "user=app password=*** dbname=orders host=db.internal port=6432 sslmode=disable")
        #expect(!url.description.contains("s3cr"))
    }

    @Test func keywordStringIsRedacted() {
        let keywords = ConnectionString("host=localhost dbname=app password='hunter2 two' user=me")
        #expect(keywords.redacted == "user=me password=*** dbname=app host=localhost")
    }

    @Test func scrubRemovesEveryFormOfThePassword() {
        let url = ConnectionString("postgres://u:pa%2Fss@h/db")
        #expect(url.scrub("decoded pa/ss and raw pa%2Fss") == "decoded *** and raw ***")
        // A malformed URL that libpq splits inside the password still leaks no piece of it.
        let malformed = ConnectionString("postgres://u:top/secret@h/db")
        #expect(malformed.scrub("could not translate host name \"u:top\"; secret@h") == "could not translate host name \"u:***\"; ***@h")
    }

    @Test func unparsableStringIsReportedWithoutItsContents() {
        let bad = ConnectionString("postgresql://u:hunter2@host/db?bogus=1")
        #expect(bad.parseError() != nil)
        #expect(bad.parseError()?.contains("hunter2") == false)
        #expect(bad.redacted == "(unparsable connection string)")
    }

    @Test func emptyMeansEnvironment() {
        #expect(ConnectionString.environment.redacted == "(libpq defaults and PG* environment variables)")
        #expect(ConnectionString.environment.parseError() == nil)
    }
}
