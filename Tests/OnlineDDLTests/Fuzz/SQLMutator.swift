import Foundation
import OnlineDDL
import SeededRandom

/// Mutates SQL file contents the way hostile or broken input looks: flipped and random
/// bytes, cuts, quotes, dollar quotes, comment markers, semicolons, NUL and invalid UTF-8,
/// huge identifiers, deep nesting, long statements, and pieces of other files.
struct SQLMutator {
    var random: SplitMix64
    let corpus: [[UInt8]]

    /// Fragments inserted at random places.
    static let fragments: [[UInt8]] = [
        "'", "\"", "$$", "$tag$", "$1", "/*", "*/", "--", ";", "\n", "\r\n", "\t", "(", ")", "[", "]", "::", "E'\\",
        "U&\"", "\\", "e'", "B'", "X'", "0x", "1e999999", "-", "+", "@", "#", "?", "é", "😀", "\u{202E}", "\u{0301}",
        "\u{FEFF}", "-- onlineddl:no-transaction\n", "-- onlineddl:lock-timeout=", "-- onlineddl:max-attempts=0\n",
        "-- onlineddl:bogus\n", "-- onlineddl:ignore require-concurrent-index\n", "BEGIN;", "COMMIT;", "SAVEPOINT s;",
        "CREATE INDEX CONCURRENTLY i ON t (a);", "VACUUM t;", "DO $$ BEGIN NULL; END $$;", "COPY t FROM STDIN;",
    ].map { Array($0.utf8) } + [
        [0], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xC0, 0xAF],
    ]

    init(seed: UInt64, corpus: [[UInt8]]) {
        random = SplitMix64(seed: seed)
        self.corpus = corpus
    }

    /// A corpus entry with one to four mutations.
    mutating func next() -> [UInt8] {
        var bytes = corpus[Int.random(in: 0..<corpus.count, using: &random)]
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            mutate(&bytes)
        }
        return bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int {
        Int.random(in: 0...bytes.count, using: &random)
    }

    /// A size from `minimum` to `maximum`, small ones as likely as large orders of magnitude.
    private mutating func size(_ minimum: Int, _ maximum: Int) -> Int {
        let exponent = Double.random(in: log(Double(minimum))...log(Double(maximum)), using: &random)
        return min(maximum, Int(exp(exponent)))
    }

    private mutating func mutate(_ bytes: inout [UInt8]) {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<15 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0...7, using: &random)
        case 15..<25 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        case 25..<35 where !bytes.isEmpty:
            let start = Int.random(in: 0..<bytes.count, using: &random)
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...16, using: &random)))
        case 35..<42:
            bytes.removeSubrange(position(in: bytes)...)
        case 42..<75:
            bytes.insert(contentsOf: Self.fragments.randomElement(using: &random)!, at: position(in: bytes))
        case 75..<81 where !bytes.isEmpty:
            let start = Int.random(in: 0..<bytes.count, using: &random)
            let chunk = bytes[start..<min(bytes.count, start + Int.random(in: 1...64, using: &random))]
            bytes.insert(contentsOf: chunk, at: position(in: bytes))
        case 81..<87:
            bytes.insert(contentsOf: corpus.randomElement(using: &random)!, at: position(in: bytes))
        case 87..<91:
            bytes.insert(contentsOf: hugeIdentifier(), at: position(in: bytes))
        case 91..<95:
            bytes.insert(contentsOf: deepNesting(), at: position(in: bytes))
        case 95..<98:
            bytes.insert(contentsOf: longExpression(), at: position(in: bytes))
        default:
            let statement = corpus.randomElement(using: &random)!
            bytes += Array(repeating: statement, count: size(2, 200)).joined()
        }
    }

    /// An identifier of up to 100,000 characters, bare or quoted, ASCII or not.
    private mutating func hugeIdentifier() -> [UInt8] {
        let unit = ["a", "é", "_", "x1", "😀"].randomElement(using: &random)!
        let name = String(repeating: unit, count: size(64, 100_000))
        return Array((Bool.random(using: &random) ? "\"\(name)\"" : name).utf8)
    }

    /// Up to 12,000 nested brackets, closed or not.
    private mutating func deepNesting() -> [UInt8] {
        let (open, close) = [("(", ")"), ("[", "]"), ("ARRAY[", "]"), ("(SELECT ", ")"), ("f(", ")"), ("/*", "*/")]
            .randomElement(using: &random)!
        let depth = size(100, 12_000)
        let closing = Bool.random(using: &random) ? depth : Int.random(in: 0...depth, using: &random)
        return Array((String(repeating: open, count: depth) + "1" + String(repeating: close, count: closing)).utf8)
    }

    /// A left-deep chain of up to 100,000 operators: a deep tree from few bytes.
    private mutating func longExpression() -> [UInt8] {
        let unit = ["+1", "::int", " || 'a'", " UNION ALL SELECT 1", " JOIN t ON true", " AND x", ",1"]
            .randomElement(using: &random)!
        return Array(("1" + String(repeating: unit, count: size(10, 100_000))).utf8)
    }
}
