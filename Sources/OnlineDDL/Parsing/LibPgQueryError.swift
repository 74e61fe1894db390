import CPgQuery

/// An error reported by libpg_query: a message and where in the input it points.
struct LibPgQueryError: Error, Sendable {
    let message: String
    /// 1-based character position in the input, or 0 when the error has no position.
    let cursorPosition: Int

    init(message: String, cursorPosition: Int) {
        self.message = message
        self.cursorPosition = cursorPosition
    }

    init(_ error: PgQueryError) {
        self.init(
            message: error.message.map { String(cString: $0) } ?? "unknown parser error",
            cursorPosition: Int(error.cursorpos)
        )
    }
}
