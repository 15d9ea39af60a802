import AdvisoryModel

/// Fast scans of raw HTML text.
public enum HTMLAttributes {
    /// Lower-cased values of `id="…"` and `name="…"` attributes: at each `=`, the ASCII letters
    /// before it (spaces between allowed) name the attribute, and a quoted value after it (spaces
    /// between allowed) runs to the same quote or the end.
    public static func idsAndNames(in html: String) -> [String] {
        var html = html
        return html.withUTF8 { bytes in
            var found: [String] = []
            let count = bytes.count
            var index = 0
            while let equals = ByteSearch.firstIndex(of: UInt8(ascii: "="), in: bytes, from: index) {
                index = equals
                var nameEnd = index
                while nameEnd > 0, bytes[nameEnd - 1] == UInt8(ascii: " ") { nameEnd -= 1 }
                var nameStart = nameEnd
                while nameStart > 0, (bytes[nameStart - 1] | 0x20) >= UInt8(ascii: "a"), (bytes[nameStart - 1] | 0x20) <= UInt8(ascii: "z") { nameStart -= 1 }
                var valueStart = index + 1
                while valueStart < count, bytes[valueStart] == UInt8(ascii: " ") { valueStart += 1 }
                guard isIDOrName(UnsafeBufferPointer(rebasing: bytes[nameStart..<nameEnd])), valueStart < count,
                      bytes[valueStart] == UInt8(ascii: "\"") || bytes[valueStart] == UInt8(ascii: "'") else {
                    index += 1
                    continue
                }
                let quote = bytes[valueStart]
                var valueEnd = valueStart + 1
                while valueEnd < count, bytes[valueEnd] != quote { valueEnd += 1 }
                found.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(valueStart + 1)..<valueEnd]), as: UTF8.self).lowercased())
                index = valueEnd + 1
            }
            return found
        }
    }

    /// True when `letters` (ASCII letters) lower-cased are `id` or `name`.
    private static func isIDOrName(_ letters: UnsafeBufferPointer<UInt8>) -> Bool {
        switch letters.count {
        case 2: letters[0] | 0x20 == UInt8(ascii: "i") && letters[1] | 0x20 == UInt8(ascii: "d")
        case 4: zip(letters, "name".utf8).allSatisfy { $0 | 0x20 == $1 }
        default: false
        }
    }
}
