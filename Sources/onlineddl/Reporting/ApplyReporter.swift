import Foundation
import OnlineDDL

/// Writes apply's events as they happen: readable progress (with a live line while the
/// gate waits, on a terminal), or JSON Lines.
final class ApplyReporter: @unchecked Sendable {
    enum Verbosity {
        case quiet, normal, verbose
    }

    private let format: OutputFormat
    private let verbosity: Verbosity
    private let live: Bool
    private let colors: Bool
    private let lock = NSLock()
    /// Whether a progress line is on screen, to be cleared before the next line.
    private var progressShown = false

    init(format: OutputFormat, verbosity: Verbosity) {
        self.format = format
        self.verbosity = verbosity
        self.live = Terminal.standardOutputIsTTY && verbosity != .quiet
        self.colors = Terminal.standardOutputColors
    }

    func report(_ event: RunEvent) {
        lock.withLock {
            switch format {
            case .json:
                if case .stillWaiting = event { return }
                let encoder = JSONEncoder.contract()
                guard let data = try? encoder.encode(event) else { return }
                // Every event carries the time it was written: `"time":"2026-11-22T07:20:33.125Z"`.
                let json = String(decoding: data, as: UTF8.self)
                Console.output("{\"time\":\"\(Self.timestamp())\"," + json.dropFirst())
            case .text:
                writeText(event)
            }
        }
    }

    private static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    private func writeText(_ event: RunEvent) {
        if case .stillWaiting(let waiting) = event {
            guard live else { return }
            Console.write("\r\u{1B}[2K" + ApplyTextReport.progress(waiting, colors: colors))
            progressShown = true
            return
        }
        guard verbosity != .quiet || event.isSummary else { return }
        guard let line = ApplyTextReport.line(for: event, verbose: verbosity == .verbose, colors: colors) else { return }
        if progressShown {
            Console.write("\r\u{1B}[2K")
            progressShown = false
        }
        Console.output(line)
    }
}

private extension RunEvent {
    var isSummary: Bool { if case .summary = self { true } else { false } }
}
