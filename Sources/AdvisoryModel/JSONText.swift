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
                if let word = ByteWords.word(bytes, at: index),
                   ByteWords.hasBelow(word, 0x20) | ByteWords.has(word, UInt8(ascii: "\"")) | ByteWords.has(word, UInt8(ascii: "\\")) == 0 {
                    index += 8
                    continue
                }
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
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendInteger<N: BinaryInteger>(_ value: N, to out: inout [UInt8]) {
        if value >= 0 && value < 10 { return out.append(UInt8(ascii: "0") + UInt8(value)) }
        out.append(contentsOf: String(value).utf8)
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
        out.append(0x0A)
        guard indent > 0 else { return }
        out.append(contentsOf: repeatElement(0x20, count: indent))
    }
}
