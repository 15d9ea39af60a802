/// The bytes of JSON's scalars and indentation, shared by ``SortedJSONEncoder``'s writer and
/// ``JSONWriter``.
enum JSONText {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// `string` quoted, escaping `"`, `\` and U+0000–U+001F (`\n`, `\r`, `\t`, `\b`, `\f`, else `\u00XX`).
    static func appendString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var run = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
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
        if value { out.append(contentsOf: [0x74, 0x72, 0x75, 0x65]) } else { out.append(contentsOf: [0x66, 0x61, 0x6C, 0x73, 0x65]) }
    }

    static func appendNull(to out: inout [UInt8]) { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]) }

    /// A line break and `indent` spaces.
    static func appendNewline(indent: Int, to out: inout [UInt8]) {
        out.append(0x0A)
        var remaining = indent
        while remaining > 0 {
            let run = min(remaining, spaces.count)
            out.append(contentsOf: spaces[..<run])
            remaining -= run
        }
    }
}
