/// A 1-based position in a source file, as editors and compilers print it.
///
/// `column` counts Unicode scalar values from the start of the line, which is how
/// PostgreSQL itself counts characters in an error position.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// Maps UTF-8 byte offsets and character positions of one text to line:column.
struct LineIndex {
    private let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]

    init(utf8 bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The location of a byte offset (clamped to the text).
    func location(ofByte offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = lineStarts[low]
        var column = 1
        for byte in bytes[lineStart..<clamped] where !Self.isContinuation(byte) {
            column += 1
        }
        return SourceLocation(line: low + 1, column: column)
    }

    /// The byte offset of a 1-based character position, as PostgreSQL's `cursorpos` counts.
    func byteOffset(ofCharacterPosition position: Int) -> Int {
        var remaining = max(position - 1, 0)
        var offset = 0
        while offset < bytes.count {
            if !Self.isContinuation(bytes[offset]) {
                if remaining == 0 { return offset }
                remaining -= 1
            }
            offset += 1
        }
        return bytes.count
    }

    private static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
}
