import OnlineDDLSupport

/// The checksum another tool stored for a migration it applied, and the rule it computes
/// it by, so `adopt` can tell a file changed since that tool applied it.
public enum ForeignChecksum: Sendable, Equatable {
    /// Prisma's `_prisma_migrations.checksum`: SHA-256 of `migration.sql` in hexadecimal.
    case prismaSHA256(String)
    /// Flyway's `flyway_schema_history.checksum`: CRC-32 of the file's lines (see
    /// ``flywayChecksum(_:)``), as a signed 32-bit integer.
    case flywayCRC32(Int32)
    /// sqlx's `_sqlx_migrations.checksum`: SHA-384 of the file, here in hexadecimal.
    case sqlxSHA384(String)

    /// Whether `contents` is the file the tool applied.
    ///
    /// Prisma's rule (schema-engine's `script_matches_checksum`): the file's SHA-256 as is,
    /// with CRLF turned into LF, or with LF turned into CRLF, since git may change line
    /// endings; a checksum not 64 digits long was written by an old Prisma that did not
    /// zero-pad each byte.
    public func matches(_ contents: [UInt8]) -> Bool {
        switch self {
        case .prismaSHA256(let stored):
            let variants = [contents, Self.replacing([13, 10], with: [10], in: contents), Self.replacing([10], with: [13, 10], in: contents)]
            return variants.contains { variant in
                let digest = SHA256.digest(variant)
                return (stored.count == 64 || stored.isEmpty ? Self.hex(digest) : Self.unpaddedHex(digest)) == stored
            }
        case .flywayCRC32(let stored):
            return Self.flywayChecksum(contents) == stored
        case .sqlxSHA384(let stored):
            return SHA384.hexDigest(contents) == stored
        }
    }

    /// The stored value, as the tool's table shows it.
    public var stored: String {
        switch self {
        case .prismaSHA256(let text), .sqlxSHA384(let text): text
        case .flywayCRC32(let value): String(value)
        }
    }

    /// The value the tool would store for `contents` today.
    public func current(_ contents: [UInt8]) -> String {
        switch self {
        case .prismaSHA256: SHA256.hexDigest(contents)
        case .flywayCRC32: String(Self.flywayChecksum(contents))
        case .sqlxSHA384: SHA384.hexDigest(contents)
        }
    }

    /// Flyway's checksum of a file (`ChecksumCalculator.calculateChecksumForResource`): the
    /// file is read as UTF-8 line by line (`BufferedReader.readLine`, so `\n`, `\r` and
    /// `\r\n` end a line and are not part of it), a byte order mark is removed from the
    /// first line, and CRC-32 runs over the UTF-8 bytes of every line in turn. The result is
    /// the same whatever the line endings.
    public static func flywayChecksum(_ contents: [UInt8]) -> Int32 {
        var bytes = Array(String(decoding: contents, as: UTF8.self).utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return Int32(bitPattern: CRC32.checksum(bytes.lazy.filter { $0 != 10 && $0 != 13 }))
    }

    /// `bytes` with every `pattern` replaced, as Rust's `str::replace` does.
    static func replacing(_ pattern: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index...].starts(with: pattern) {
                result.append(contentsOf: replacement)
                index += pattern.count
            } else {
                result.append(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// Two lowercase hexadecimal digits per byte.
    static func hex(_ bytes: [UInt8]) -> String { Hexadecimal.lowercase(bytes) }

    /// One or two digits per byte (`{:x}`), as an old Prisma wrote its checksums (prisma-engines issue 1887).
    static func unpaddedHex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16) }.joined()
    }
}
