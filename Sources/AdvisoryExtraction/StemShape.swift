/// The fixed shapes of file stems and asset ids (`ms08-067`, `954474`, `ms04-aug-sum`), read on
/// ASCII bytes instead of with ICU: in a shape, `#` is an ASCII digit, `@` a lower-case ASCII
/// letter and any other byte itself. Only texts of ASCII without line terminators are read
/// here; for the rest the caller asks its expression (whose `\d` takes any decimal digit and
/// whose `$` matches before a final line terminator).
enum StemShape {
    /// True when `text` has one of `shapes`, false when it has none; nil when `text` holds a byte
    /// beyond ASCII or a line terminator (`\n`, VT, FF, `\r`).
    static func matches(_ text: String, anyOf shapes: [StaticString]) -> Bool? {
        let utf8 = text.utf8
        guard !utf8.contains(where: { $0 >= 0x80 || (0x0A...0x0D).contains($0) }) else { return nil }
        return shapes.contains { shape in
            shape.utf8CodeUnitCount == utf8.count && zip(UnsafeBufferPointer(start: shape.utf8Start, count: shape.utf8CodeUnitCount), utf8).allSatisfy { expected, byte in
                switch expected {
                case UInt8(ascii: "#"): byte.isASCIIDigit
                case UInt8(ascii: "@"): byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")
                default: byte == expected
                }
            }
        }
    }
}
