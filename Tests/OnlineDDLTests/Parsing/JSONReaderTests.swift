import Testing
@testable import OnlineDDLParsing

@Suite("Parsing: JSON reader for libpg_query trees")
struct JSONReaderTests {
    private func parse(_ json: String) throws -> ParseNode {
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBufferPointer { buffer in try ParseNode.parseJSON(buffer) }
    }

    @Test func readsNestedValues() throws {
        let node = try parse(#"{"A":{"list":[1,-2,true,false,null,"x"],"empty":{}}}"#)
        #expect(node.nodeType == "A")
        #expect(node.typed("A")?["list"] == .array([.integer(1), .integer(-2), .bool(true), .bool(false), .null, .string("x")]))
        #expect(node.typed("A")?["empty"] == .object([:]))
        #expect(node.typed("B") == nil)
    }

    @Test func decodesEscapes() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
    }

    @Test func rejectsMalformedInput() {
        for bad in ["{", "[1,]", #"{"a" 1}"#, "tru", #""\x""#, "1 2", "99999999999999999999"] {
            #expect(throws: JSONReader.Failure.self, "\(bad)") { try parse(bad) }
        }
    }

    @Test func refusesNestingDeeperThanTheLimitAndSaysInWhichElement() throws {
        func nested(_ levels: Int) -> String {
            String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
        }
        // The object and its array are two levels.
        #expect(try parse(#"{"stmts":[1,"# + nested(JSONReader.maxDepth - 2) + "]}")["stmts"]?.elements.count == 2)
        do {
            _ = try parse(#"{"stmts":[1,2,"# + nested(JSONReader.maxDepth - 1) + "]}")
            Issue.record("expected a failure")
        } catch let failure as JSONReader.Failure {
            #expect(failure.reason == .tooDeep)
            #expect(failure.arrayPath.first == 2)
        }
    }
}
