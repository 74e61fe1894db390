import Foundation

/// Writes compact JSON byte by byte, exactly as Foundation's `JSONEncoder` does with
/// `[.sortedKeys, .withoutEscapingSlashes]`: no white space, the same string escapes. The
/// caller writes each object's keys in sorted (UTF-8 byte) order.
package struct JSONWriter {
    /// The JSON text so far, UTF-8.
    package private(set) var bytes: [UInt8] = []
    /// Whether the next value or key follows a sibling and needs a comma first.
    private var needsComma = false

    package init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    /// An object whose keys and values `body` writes.
    package mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        try enclose(UInt8(ascii: "{"), UInt8(ascii: "}"), body)
    }

    /// A key and an array with an element for each of `elements`, written by `body`.
    package mutating func field<Elements: Sequence>(
        _ name: StaticString, _ elements: Elements, _ body: (inout JSONWriter, Elements.Element) throws -> Void
    ) rethrows {
        key(name)
        try enclose(UInt8(ascii: "["), UInt8(ascii: "]")) { json in
            for element in elements { try body(&json, element) }
        }
    }

    /// An object key that needs no escapes; its value comes next.
    private mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A key and its string value, `null` for nil.
    package mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        guard var text = value else { return null() }
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// A key and its integer value.
    package mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
        needsComma = true
    }

    /// A key and its Boolean value.
    package mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
        needsComma = true
    }

    /// A key and a value as `JSONEncoder` writes it, `null` for nil: for the parts of a
    /// document not written by hand.
    package mutating func field(_ name: StaticString, encoding value: (some Encodable)?) throws {
        key(name)
        guard let value else { return null() }
        let encoder = JSONEncoder.contract()
        bytes.append(contentsOf: try encoder.encode(value))
        needsComma = true
    }

    /// A value another writer wrote.
    package mutating func value(written json: [UInt8]) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    private mutating func null() {
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    private mutating func enclose(_ open: UInt8, _ close: UInt8, _ body: (inout JSONWriter) throws -> Void) rethrows {
        separate()
        bytes.append(open)
        try body(&self)
        bytes.append(close)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    /// String contents with JSON's escapes: quote, backslash and the control characters
    /// (named where JSON has a name, else `\u00xx`); `/` and non-ASCII stay as they are.
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (offset, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<offset]))
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default: bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0xF)])
            }
            start = offset + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
