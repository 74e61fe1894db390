import CPgQuery

/// An error reported by libpg_query: a message and where in the input it points.
package struct LibPgQueryError: Error, Sendable {
    var message: String
    /// 1-based character position in the input, or 0 when the error has no position.
    let cursorPosition: Int

    /// Longest quotation of the input an error message keeps.
    static let maxQuotedCharacters = 40

    init(message: String, cursorPosition: Int) {
        self.message = message
        self.cursorPosition = cursorPosition
    }

    init(_ error: PgQueryError) {
        self.init(
            message: Self.shortened(error.message.map { String(cString: $0) } ?? "unknown parser error"),
            cursorPosition: Int(error.cursorpos)
        )
    }

    /// The message with the input it quotes (`syntax error at or near "…"`, which runs to
    /// the end of the message) cut to `maxQuotedCharacters`: the token at the error can be
    /// a 100 kB identifier or the rest of the file.
    static func shortened(_ message: String) -> String {
        guard let marker = message.range(of: " at or near \"") else { return message }
        let quoted = message[marker.upperBound...].dropLast(message.hasSuffix("\"") ? 1 : 0)
        guard quoted.count > maxQuotedCharacters else { return message }
        return message[..<marker.upperBound] + quoted.prefix(maxQuotedCharacters) + "…\""
    }
}
