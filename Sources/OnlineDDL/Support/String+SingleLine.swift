extension String {
    /// The text on one line: runs of ASCII white space (SQL's white space) become one space,
    /// leading and trailing ones go, and the result is cut to `limit` characters (Unicode
    /// scalars) with `…` when longer.
    package func singleLine(limit: Int) -> String {
        var line: [UInt8] = []
        line.reserveCapacity(Swift.min(utf8.count, 4 * (limit + 1)))
        var scalarStarts: [Int] = []
        scalarStarts.reserveCapacity(limit + 2)
        var pendingSpace = false
        for byte in utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                pendingSpace = !line.isEmpty
                continue
            default:
                break
            }
            if pendingSpace {
                scalarStarts.append(line.count)
                line.append(0x20)
                pendingSpace = false
            }
            if byte & 0xC0 != 0x80 {
                // One scalar past the limit decides the cut: the rest cannot show.
                if scalarStarts.count > limit { break }
                scalarStarts.append(line.count)
            }
            line.append(byte)
        }
        guard scalarStarts.count > limit else { return String(decoding: line, as: UTF8.self) }
        return String(decoding: line[..<scalarStarts[limit - 1]], as: UTF8.self) + "…"
    }
}
