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
///
/// Lookups cost at most one checkpoint interval of bytes, however long the line: a
/// minified file of 200,000 statements on one line is located in linear time.
package struct LineIndex {
    private let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0]` is the first line's start.
    private let lineStarts: [Int]
    /// `characterCheckpoints[i]`: characters that start before byte `i * checkpointInterval`.
    private let characterCheckpoints: [Int]
    private static let checkpointInterval = 256

    /// Indexes `bytes`, whose first line starts at `firstLineStart` (after a byte-order mark).
    init(utf8 bytes: [UInt8], firstLineStart: Int = 0) {
        self.bytes = bytes
        var starts = [firstLineStart]
        var checkpoints: [Int] = []
        var characters = 0
        for (offset, byte) in bytes.enumerated() {
            if offset % Self.checkpointInterval == 0 { checkpoints.append(characters) }
            if !Self.isContinuation(byte) { characters += 1 }
            if byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        }
        checkpoints.append(characters)
        lineStarts = starts
        characterCheckpoints = checkpoints
    }

    /// The location of a byte offset (clamped to the text).
    package func location(ofByte offset: Int) -> SourceLocation {
        let clamped = max(lineStarts[0], min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let column = characters(before: clamped) - characters(before: lineStarts[low]) + 1
        return SourceLocation(line: low + 1, column: column)
    }

    /// The number of characters (UTF-8 sequences) that start before byte `offset`.
    private func characters(before offset: Int) -> Int {
        let checkpoint = offset / Self.checkpointInterval
        var count = characterCheckpoints[checkpoint]
        for byte in bytes[checkpoint * Self.checkpointInterval..<offset] where !Self.isContinuation(byte) {
            count += 1
        }
        return count
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
