/// A position in the write-ahead log, a `pg_lsn` (`16/B374D848`: the high and low 32 bits
/// in hexadecimal), as `pg_current_wal_insert_lsn()` and `pg_last_wal_replay_lsn()` report it.
public struct WALPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The byte position.
    public let value: UInt64

    public init(_ value: UInt64) {
        self.value = value
    }

    /// Parses `pg_lsn` text; nil when it is not one.
    public init?(pgLSN text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let high = UInt32(parts[0], radix: 16), let low = UInt32(parts[1], radix: 16) else {
            return nil
        }
        value = UInt64(high) << 32 | UInt64(low)
    }

    /// The `pg_lsn` text.
    public var description: String {
        String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }

    public static func < (lhs: WALPosition, rhs: WALPosition) -> Bool { lhs.value < rhs.value }

    /// Whether a standby whose replay has reached `replayed` has replayed everything written
    /// before this position, a primary's `pg_current_wal_insert_lsn()`. When the insert
    /// position is the first byte after a WAL page's header (xlog.c `XLogBytePosToRecPtr`
    /// skips the header), the last record before it ends at the page's start, and the
    /// standby's replay position (`EndRecPtr` of the last record replayed) stays there until
    /// the next record: that counts as replayed too. `pageSize` is `wal_block_size`.
    public func isReplayed(byReplayAt replayed: WALPosition, pageSize: UInt64) -> Bool {
        if replayed >= self { return true }
        let offset = value % pageSize
        // SizeOfXLogShortPHD (24) or, at a segment's first page, SizeOfXLogLongPHD (40).
        return (offset == Self.shortPageHeader || offset == Self.longPageHeader) && replayed.value == value - offset
    }

    static let shortPageHeader: UInt64 = 24
    static let longPageHeader: UInt64 = 40
}
