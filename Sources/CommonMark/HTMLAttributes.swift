/// Fast scans of raw HTML text.
public enum HTMLAttributes {
    /// Lower-cased values of `id="…"` and `name="…"` attributes.
    public static func idsAndNames(in html: String) -> [String] {
        var found: [String] = []
        let bytes = Array(html.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "=") else {
                index += 1
                continue
            }
            var nameEnd = index
            while nameEnd > 0, bytes[nameEnd - 1] == UInt8(ascii: " ") { nameEnd -= 1 }
            var nameStart = nameEnd
            while nameStart > 0, (bytes[nameStart - 1] | 0x20) >= UInt8(ascii: "a"), (bytes[nameStart - 1] | 0x20) <= UInt8(ascii: "z") { nameStart -= 1 }
            let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self).lowercased()
            var valueStart = index + 1
            while valueStart < bytes.count, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
            guard name == "id" || name == "name", valueStart < bytes.count,
                  bytes[valueStart] == UInt8(ascii: "\"") || bytes[valueStart] == UInt8(ascii: "'") else {
                index += 1
                continue
            }
            let quote = bytes[valueStart]
            var valueEnd = valueStart + 1
            while valueEnd < bytes.count, bytes[valueEnd] != quote { valueEnd += 1 }
            found.append(String(decoding: bytes[(valueStart + 1)..<min(valueEnd, bytes.count)], as: UTF8.self).lowercased())
            index = valueEnd + 1
        }
        return found
    }
}
