import ArgumentParser
import OnlineDDL

/// A duration flag value: `250ms`, `5s`, `2m`, `1h`, or `0`.
struct DurationArgument: ExpressibleByArgument, CustomStringConvertible {
    let duration: Duration

    init(_ duration: Duration) {
        self.duration = duration
    }

    init?(argument: String) {
        guard let duration = try? DurationText.parse(argument) else { return nil }
        self.duration = duration
    }

    var description: String { DurationText.format(duration) }
    var defaultValueDescription: String { description }
}
