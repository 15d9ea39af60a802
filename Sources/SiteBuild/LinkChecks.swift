import AdvisoryModel
import CommonMark
import XMLValidation

/// Shape checks for link destinations, without the network.
enum LinkShape {
    /// Why `url` looks broken, or nil.
    static func problem(_ url: String) -> String? {
        if url.unicodeScalars.allSatisfy(ScalarClass.isSpace) { return "empty destination" }
        if url.utf8.contains(UInt8(ascii: "\\")) { return "backslash inside the URL" }
        if !url.utf8.allSatisfy({ $0 < 0x80 }), url.unicodeScalars.contains(where: CJK.isWide) { return "CJK text inside the URL" }
        if let authority = URLSafety.httpAuthority(of: url) {
            let host = authority.host.lowercased()
            if host.isEmpty { return "no host" }
            if !host.utf8.contains(UInt8(ascii: ".")) { return "host '\(host)' has no dot" }
        }
        return nil
    }
}

/// Fast scans of raw HTML text.
enum HTMLAttributes {
    /// Lower-cased values of `id="…"` and `name="…"` attributes.
    static func idsAndNames(in html: String) -> [String] {
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
