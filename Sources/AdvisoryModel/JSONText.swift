/// The bytes of JSON's scalars and indentation, shared by ``SortedJSONEncoder``'s writer and
/// ``JSONWriter``.
enum JSONText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `string` quoted, escaping `"`, `\` and U+0000–U+001F (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX`).
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var run = 0
            var index = 0
            while index < bytes.count {
                // A word without a byte to escape is skipped; a word with one is looked at byte by
                // byte, all eight (not tested again as a word from each next byte).
                var stop = index + 1
                if let word = ByteWords.word(bytes, at: index) {
                    if ByteWords.hasBelow(word, 0x20) | ByteWords.has(word, UInt8(ascii: "\"")) | ByteWords.has(word, UInt8(ascii: "\\")) == 0 {
                        index += 8
                        continue
                    }
                    stop = index + 8
                }
                while index < stop {
                    let byte = bytes[index]
                    index += 1
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<(index - 1)]))
                    run = index
                    out.append(UInt8(ascii: "\\"))
                    switch byte {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
                    case 0x0A: out.append(UInt8(ascii: "n"))
                    case 0x0D: out.append(UInt8(ascii: "r"))
                    case 0x09: out.append(UInt8(ascii: "t"))
                    case 0x08: out.append(UInt8(ascii: "b"))
                    case 0x0C: out.append(UInt8(ascii: "f"))
                    default:
                        out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
                    }
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendInteger<N: BinaryInteger>(_ value: N, to out: inout [UInt8]) {
        if let integer = Int(exactly: value) { return appendInteger(integer, to: &out) }
        out.append(contentsOf: String(value).utf8)
    }

    /// The decimal digits of `value` (with `-` when negative), written from the end of a small
    /// buffer on the stack, without making a `String`.
    static func appendInteger(_ value: Int, to out: inout [UInt8]) {
        if value >= 0 && value < 10 { return out.append(UInt8(ascii: "0") + UInt8(value)) }
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { digits in
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }

    static func appendBool(_ value: Bool, to out: inout [UInt8]) {
        appendLiteral(value ? "true" : "false", to: &out)
    }

    static func appendNull(to out: inout [UInt8]) { appendLiteral("null", to: &out) }

    /// The bytes of a literal, without making an array of them.
    private static func appendLiteral(_ literal: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// A line break and `indent` spaces.
    static func appendNewline(indent: Int, to out: inout [UInt8]) {
        let line = newlineAndSpaces
        if indent < line.utf8CodeUnitCount {
            return out.append(contentsOf: UnsafeBufferPointer(start: line.utf8Start, count: indent + 1))
        }
        out.append(0x0A)
        var remaining = indent
        while remaining > 0 {
            let count = min(remaining, spaces.utf8CodeUnitCount)
            out.append(contentsOf: UnsafeBufferPointer(start: spaces.utf8Start, count: count))
            remaining -= count
        }
    }

    /// Sixty-four spaces: the indentation of 32 levels in one copy.
    private static var spaces: StaticString {
        "                                                                "
    }

    /// A line feed and sixty-four spaces: a line break and the indentation of up to 32 levels in one copy.
    private static var newlineAndSpaces: StaticString {
        "\n                                                                "
    }
}

/// Whole numbers written into byte buffers.
public enum DecimalDigits {
    /// Appends the decimal digits of `value` (with `-` when negative), as `String(value)` writes them.
    public static func append<N: BinaryInteger>(_ value: N, to out: inout [UInt8]) {
        JSONText.appendInteger(value, to: &out)
    }
}
