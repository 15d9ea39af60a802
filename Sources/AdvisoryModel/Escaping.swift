import Foundation

/// Escaping for XML-compatible HTML output; drops characters XML forbids.
public enum Escaping {
    /// True when every byte can stay as it is: no markup character, no control character XML
    /// forbids, no U+FFFE/U+FFFF (`EF BF BE`/`EF BF BF`); in attributes also no quote or line break.
    @inline(__always)
    private static func isPlain(_ string: String, attribute: Bool) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                    return false
                case UInt8(ascii: "\""), UInt8(ascii: "'"), 0x09, 0x0A, 0x0D:
                    if attribute { return false }
                case 0..<0x20:
                    return false
                case 0xEF:
                    if index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                default:
                    break
                }
                index += 1
            }
            return true
        } ?? false
    }

    /// `string` as element text: `&`, `<` and `>` escaped, characters XML forbids dropped.
    public static func text(_ string: String) -> String {
        escaped(string, attribute: false)
    }

    /// `string` as a quoted attribute value: also quotes escaped and line breaks made spaces.
    public static func attribute(_ string: String) -> String {
        escaped(string, attribute: true)
    }

    /// `string` escaped by the byte escaper (`Escaping+Bytes.swift`), the loop both forms share.
    static func escaped(_ string: String, attribute: Bool) -> String {
        if isPlain(string, attribute: attribute) { return string }
        var out: [UInt8] = []
        out.reserveCapacity(string.utf8.count + 16)
        var string = string
        string.withUTF8 { appendWellFormed($0, attribute: attribute, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
