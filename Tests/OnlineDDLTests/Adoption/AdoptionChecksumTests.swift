import Testing
@testable import OnlineDDLAdoption
@testable import OnlineDDLSupport

@Suite("Adoption: the other tools' checksums")
struct AdoptionChecksumTests {
    /// FIPS 180-4's examples, NIST's one-million-"a" vector, and the padding boundary (111
    /// bytes fit one block, 112 need two); the digests from Python's hashlib.
    @Test(arguments: [
        (Array("abc".utf8), "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
        ([], "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b"),
        ([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000),
         "9d0e1809716474cb086e834e310a4a1ced149e9c00f248527972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985"),
        ((0..<111).map { UInt8($0) }, "f5f9fe110d809d34029de262a01b208356caec6e054c7f926b2591f6c9780579d4b59f5578c6f531a84f158a33660cef"),
        ((0..<112).map { UInt8($0) }, "33ba080ec0ccb378e4e95fed3b26c23aa1a280476e007519ee47f60cd9c5c8a65d627259a9aa2fd33ca06d3c14ee5548"),
    ] as [([UInt8], String)])
    func sha384MatchesTheStandardsVectors(message: [UInt8], digest: String) {
        #expect(ForeignChecksum.hex(SHA384.digest(message)) == digest)
    }

    /// The check value of CRC-32/ISO-HDLC, as java.util.zip.CRC32 (and zlib) give it.
    @Test func crc32MatchesTheCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    /// Flyway's checksum is the CRC-32 of the lines without their endings (zlib.crc32 of
    /// the joined lines is -1234077705): LF, CRLF, CR, a last line without an ending and a
    /// byte order mark all give the same value; other contents do not.
    @Test(arguments: [
        "CREATE TABLE accounts (id int PRIMARY KEY);\nALTER TABLE accounts ADD COLUMN note text;\n",
        "CREATE TABLE accounts (id int PRIMARY KEY);\r\nALTER TABLE accounts ADD COLUMN note text;\r\n",
        "CREATE TABLE accounts (id int PRIMARY KEY);\rALTER TABLE accounts ADD COLUMN note text;",
        "\u{FEFF}CREATE TABLE accounts (id int PRIMARY KEY);\nALTER TABLE accounts ADD COLUMN note text;",
    ])
    func flywayChecksumIgnoresLineEndingsAndTheByteOrderMark(file: String) {
        #expect(ForeignChecksum.flywayChecksum(Array(file.utf8)) == -1_234_077_705)
        #expect(ForeignChecksum.flywayCRC32(-1_234_077_705).matches(Array(file.utf8)))
        #expect(!ForeignChecksum.flywayCRC32(-1_234_077_705).matches(Array((file + "SELECT 1;").utf8)))
    }

    /// Prisma compares the file as is, with CRLF as LF, and with LF as CRLF (schema-engine's
    /// line-ending test cases), and accepts the unpadded hex of old Prisma versions.
    @Test func prismaChecksumIsLineEndingAgnosticAsPrismaIs() {
        let unix = Array("ab\ncd\nef\ngh\rab\n".utf8)
        let windows = Array("ab\r\ncd\r\nef\r\ngh\rab\r\n".utf8)
        for stored in [unix, windows] {
            let checksum = ForeignChecksum.prismaSHA256(SHA256.hexDigest(stored))
            #expect(checksum.matches(unix))
            #expect(checksum.matches(windows))
        }
        #expect(ForeignChecksum.prismaSHA256(SHA256.hexDigest(Array("hello".utf8)))
            .current(Array("hello".utf8)) == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        #expect(!ForeignChecksum.prismaSHA256(SHA256.hexDigest(Array("abc".utf8))).matches(Array("abc\n".utf8)))
        // sha256("hello") has the bytes 0x0e, 0x04, …: unpadded they are "e", "4".
        let unpadded = ForeignChecksum.unpaddedHex(SHA256.digest(Array("hello".utf8)))
        #expect(unpadded.count < 64)
        #expect(ForeignChecksum.prismaSHA256(unpadded).matches(Array("hello".utf8)))
    }

    @Test func sqlxChecksumIsTheFilesSHA384() {
        let file = Array("\u{FEFF}create table comment (id int);\r\n".utf8)
        let checksum = ForeignChecksum.sqlxSHA384(ForeignChecksum.hex(SHA384.digest(file)))
        #expect(checksum.matches(file))
        #expect(!checksum.matches(Array(file.dropFirst(3))), "sqlx does not strip a byte order mark")
    }
}
