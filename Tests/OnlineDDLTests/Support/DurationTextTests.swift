import Testing
@testable import OnlineDDLSupport

@Suite("Support: duration text")
struct DurationTextTests {
    @Test(arguments: [
        ("250ms", Duration.milliseconds(250)),
        ("5s", .seconds(5)),
        ("2m", .seconds(120)),
        ("1h", .seconds(3_600)),
        ("0", .zero),
        ("0s", .zero),
        (" 5s", .seconds(5)),
        ("\t250ms\n", .milliseconds(250)),
        // The largest values that fit in Int64 milliseconds: Int64.max / 3_600_000 hours.
        ("9223372036854775807ms", .milliseconds(Int64.max)),
        ("2562047788015h", .seconds(2_562_047_788_015 * 3_600)),
    ])
    func parsesWholeNumbersWithAUnit(text: String, expected: Duration) throws {
        #expect(try DurationText.parse(text) == expected)
    }

    @Test(arguments: [
        "5", "ms", "s", "1.5s", "-1s", "+1s", "5x", "", " ", "5 s", "5S", "1h30m", "٣s",
        "2562047788016h", "99999999999999999999ms",
    ])
    func refusesAnythingElse(text: String) {
        #expect(throws: DurationText.ParseError(text: text)) { try DurationText.parse(text) }
    }

    @Test(arguments: [
        (Duration.zero, "0"),
        (.milliseconds(250), "250ms"),
        (.milliseconds(1_500), "1500ms"),
        (.seconds(5), "5s"),
        (.seconds(90), "90s"),
        (.seconds(120), "2m"),
        (.seconds(3_600), "1h"),
        (.seconds(5_400), "90m"),
    ])
    func formatsTheShortestExactFormAndParsesItBack(duration: Duration, text: String) throws {
        #expect(DurationText.format(duration) == text)
        #expect(try DurationText.parse(text) == duration)
    }

    @Test(arguments: [
        (Duration.zero, "0 ms"),
        (.milliseconds(850), "850 ms"),
        (.milliseconds(999), "999 ms"),
        (.milliseconds(1_000), "1.0 s"),
        (.milliseconds(2_400), "2.4 s"),
        (.milliseconds(2_449), "2.4 s"),
        (.milliseconds(2_450), "2.5 s"),
        (.milliseconds(59_949), "59.9 s"),
        // Rounds to a whole minute rather than printing "60.0 s".
        (.milliseconds(59_950), "1 m 00 s"),
        (.seconds(60), "1 m 00 s"),
        (.seconds(185), "3 m 05 s"),
        (.milliseconds(185_499), "3 m 05 s"),
        (.milliseconds(185_500), "3 m 06 s"),
        (.seconds(7_200), "120 m 00 s"),
    ])
    func formatsForPeople(duration: Duration, text: String) {
        #expect(DurationText.human(duration) == text)
    }
}
