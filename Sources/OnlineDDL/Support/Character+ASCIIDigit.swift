extension Character {
    /// `0` to `9`, and no other digit.
    var isASCIIDigit: Bool { isASCII && isNumber }
}
