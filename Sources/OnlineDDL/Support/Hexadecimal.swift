/// Bytes written as lowercase hexadecimal digits, two per byte: how digests are shown and
/// stored (onlineddl's checksums, Prisma's and sqlx's).
package enum Hexadecimal {
    private static let digits = Array("0123456789abcdef")

    /// Two lowercase hexadecimal digits per byte.
    package static func lowercase(_ bytes: [UInt8]) -> String {
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return text
    }
}
