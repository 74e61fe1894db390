extension String {
    /// The text on one line: runs of ASCII white space (SQL's white space) become one space,
    /// and the result is cut to `limit` characters with `…` when longer.
    func singleLine(limit: Int) -> String {
        let whitespace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C]
        let line = utf8.split(whereSeparator: whitespace.contains)
            .map { String(decoding: $0, as: UTF8.self) }
            .joined(separator: " ")
        guard line.unicodeScalars.count > limit else { return line }
        return String(String.UnicodeScalarView(line.unicodeScalars.prefix(limit - 1))) + "…"
    }
}
