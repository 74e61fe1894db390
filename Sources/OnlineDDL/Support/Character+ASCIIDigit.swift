extension Character {
    /// `0` to `9`, and no other digit.
    package var isASCIIDigit: Bool { isASCII && isNumber }
}
