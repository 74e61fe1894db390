/// Durations as users write them on the command line and in directives: `250ms`, `5s`,
/// `2m`, `1h`, or `0` for none.
public enum DurationText {
    /// Why a duration text was refused.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let text: String
        public var description: String {
            "invalid duration '\(text.singleLine(limit: 40))': write a whole number followed by ms, s, m or h (250ms, 5s, 2m, 1h), or 0"
        }
    }

    private static let units: [(suffix: String, milliseconds: Int64)] = [
        ("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000),
    ]

    /// Parses `250ms`, `5s`, `2m`, `1h` or `0`.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let trimmed = text.trimmingWhitespace()
        if trimmed == "0" { return .zero }
        // "ms" is tried before "m" and "s" so that "250ms" is not read as minutes.
        for unit in units.sorted(by: { $0.suffix.count > $1.suffix.count }) where trimmed.hasSuffix(unit.suffix) {
            let digits = trimmed.dropLast(unit.suffix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let amount = Int64(digits), amount <= Int64.max / unit.milliseconds
            else { break }
            return .milliseconds(amount * unit.milliseconds)
        }
        throw ParseError(text: text)
    }

    /// The shortest exact form: `1h`, `2m`, `5s`, `250ms`, or `0`.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        if milliseconds == 0 { return "0" }
        for unit in units.reversed() where milliseconds % unit.milliseconds == 0 {
            return "\(milliseconds / unit.milliseconds)\(unit.suffix)"
        }
        return "\(milliseconds)ms"
    }

    /// A duration for people: `850 ms`, `2.4 s`, `3 m 05 s`.
    public static func human(_ duration: Duration) -> String {
        let milliseconds = duration.wholeMilliseconds
        if milliseconds < 1_000 { return "\(milliseconds) ms" }
        // Rounded to the nearest tenth below a minute and to the nearest second above, so
        // 59.96 s reads "1 m 00 s", not "60.0 s".
        let tenths = (milliseconds + 50) / 100
        if tenths < 600 { return "\(tenths / 10).\(tenths % 10) s" }
        let seconds = (milliseconds + 500) / 1_000
        let remainder = seconds % 60
        return "\(seconds / 60) m \(remainder < 10 ? "0" : "")\(remainder) s"
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }

    /// The duration in seconds, as a floating-point number.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingWhitespace() -> String {
        let characters = Substring(self).drop { $0.isWhitespace }
        return String(characters.reversed().drop { $0.isWhitespace }.reversed())
    }
}
