import Foundation

enum Format {
    static func rate(_ perSecond: Double) -> String {
        String(format: "%.2fM", perSecond / 1e6)
    }

    static func milliseconds(_ seconds: Double) -> String {
        String(format: "%.2f ms", seconds * 1000)
    }

    static func ratio(_ value: Double) -> String {
        String(format: "%.3f", value)
    }
}
