import Foundation

extension JSONEncoder {
    /// The one configuration of every JSON output (plan, locks, status, apply's events, adopt,
    /// simulate): keys sorted so that outputs can be compared byte for byte, slashes as they
    /// are (`"file":"migrations/0001_init.sql"`), and `pretty` for the outputs people read
    /// as often as tools do (status, adopt).
    package static func contract(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
