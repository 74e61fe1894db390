import CLibPQ
import Foundation

/// Where to connect: a `postgresql://` URL, a libpq keyword string (`host=… dbname=…`),
/// or empty for libpq's defaults and `PG*` environment variables.
///
/// The raw string is private. Everything this type renders has passwords replaced by
/// `***`, and `scrub(_:)` removes them from any text libpq or the server produced.
public struct ConnectionString: Sendable, CustomStringConvertible {
    /// libpq's own defaults plus the `PG*` environment variables (`PGHOST`, `PGPASSWORD`, …).
    public static let environment = ConnectionString("")

    let raw: String
    private let secrets: [String]

    public init(_ raw: String) {
        self.raw = raw
        self.secrets = Self.findSecrets(in: raw)
    }

    /// The connection target without any password, for logs and messages.
    public var description: String { redacted }

    /// `host=… port=… dbname=… user=…` with any password shown as `***`.
    public var redacted: String {
        if raw.trimmingCharacters(in: .whitespaces).isEmpty {
            return "(libpq defaults and PG* environment variables)"
        }
        guard let options = Self.parseOptions(raw) else {
            return scrub("(unparsable connection string)")
        }
        let shown = options.filter { !$0.value.isEmpty }.map { option in
            option.keyword == "password" ? "password=***" : "\(option.keyword)=\(option.value)"
        }
        return scrub(shown.joined(separator: " "))
    }

    /// Replaces every password this connection string can carry with `***`.
    public func scrub(_ text: String) -> String {
        Self.scrub(text, secrets: secrets + Self.environmentSecrets())
    }

    static func scrub(_ text: String, secrets: [String]) -> String {
        // Longest first, so a secret that contains another is replaced whole.
        secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }.reduce(text) { text, secret in
            text.replacingOccurrences(of: secret, with: "***")
        }
    }

    private static func environmentSecrets() -> [String] {
        ProcessInfo.processInfo.environment["PGPASSWORD"].map { [$0] } ?? []
    }

    /// Every form in which a password of `raw` could appear in an error message: the
    /// parsed value, and for URLs the raw and percent-decoded user-info password and its
    /// pieces (libpq may split a malformed URL at `/`, `@`, `:` or `?`).
    private static func findSecrets(in raw: String) -> [String] {
        var found: [String] = []
        if let options = parseOptions(raw) {
            found += options.filter { $0.keyword == "password" }.map(\.value)
        }
        if let schemeEnd = raw.range(of: "://"), let at = raw.range(of: "@", options: .backwards),
           schemeEnd.upperBound <= at.lowerBound {
            let userInfo = raw[schemeEnd.upperBound..<at.lowerBound]
            if let colon = userInfo.firstIndex(of: ":") {
                let password = String(userInfo[userInfo.index(after: colon)...])
                found.append(password)
                found += password.removingPercentEncoding.map { [$0] } ?? []
                found += password.split(whereSeparator: { "/@:?#".contains($0) }).map(String.init)
            }
        }
        return found.filter { !$0.isEmpty }
    }

    struct Option {
        let keyword: String
        let value: String
    }

    /// libpq's own parse of a URL or keyword string (`PQconninfoParse`), or nil if invalid.
    static func parseOptions(_ raw: String) -> [Option]? {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(raw, &errorMessage) else {
            PQfreemem(errorMessage)
            return nil
        }
        defer { PQconninfoFree(options) }
        var parsed: [Option] = []
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            if let value = cursor.pointee.val {
                parsed.append(Option(keyword: String(cString: keyword), value: String(cString: value)))
            }
            cursor += 1
        }
        return parsed
    }

    /// The reason libpq rejects this string, scrubbed, or nil if it parses.
    func parseError() -> String? {
        var errorMessage: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(raw, &errorMessage) {
            PQconninfoFree(options)
            return nil
        }
        defer { PQfreemem(errorMessage) }
        let message = errorMessage.map { String(cString: $0) } ?? "invalid connection string"
        return scrub(message.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
