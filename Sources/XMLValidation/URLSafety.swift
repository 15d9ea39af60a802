import AdvisoryModel
import Foundation

/// URL scheme checks shared by the sanitiser and the renderers.
public enum URLSafety {
    /// The URL with characters URLs may not contain percent-encoded (space, backslash, quotes,
    /// angle brackets …); nil when it cannot be made valid (an http(s) host with an empty label).
    public static func wellFormed(_ url: String) -> String? {
        // Most URLs need no change: printable ASCII without the characters that must be escaped;
        // for them the host's checks are made on the same bytes.
        var copy = url
        let plainAndValid: Bool? = copy.withUTF8 { bytes in
            guard isPlainURI(bytes) else { return nil }
            guard let host = httpAuthorityRanges(in: bytes)?.host else { return true }
            let hostBytes = UnsafeBufferPointer(rebasing: bytes[host])
            return !(hostBytes.isEmpty || hostBytes[0] == UInt8(ascii: ".") || hasEmptyLabel(hostBytes) || hostBytes.contains(UInt8(ascii: "%")))
        }
        if let plainAndValid { return plainAndValid ? url : nil }
        var out = ""
        out.reserveCapacity(url.utf8.count)
        for scalar in url.unicodeScalars {
            switch scalar {
            case " ", "\\", "\"", "<", ">", "^", "`", "{", "|", "}":
                out += String(format: "%%%02X", scalar.value)
            case "%":
                out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        out = fixingPercentSigns(out)
        if let host = httpAuthority(of: out)?.host,
           host.isEmpty || host.hasPrefix(".") || hasEmptyLabel(host.utf8) || host.containsByte(UInt8(ascii: "%")) {
            return nil
        }
        return out
    }

    /// True when two dots follow each other in `host`.
    private static func hasEmptyLabel<Bytes: Sequence<UInt8>>(_ host: Bytes) -> Bool {
        var previousWasDot = false
        for byte in host {
            let isDot = byte == UInt8(ascii: ".")
            if isDot, previousWasDot { return true }
            previousWasDot = isDot
        }
        return false
    }

    /// The authority of an `http://` or `https://` URL (scheme in any case), split without
    /// `URL`: user information before the last `@`, host, and port after the host's first `:`.
    public struct HTTPAuthority: Equatable, Sendable {
        public var userinfo: Substring?
        public var host: Substring
        public var port: Substring?
    }

    /// The authority of `url` when it starts with `http://` or `https://`, else nil. The
    /// authority ends at the first `/`, `?` or `#` after the `//`.
    public static func httpAuthority(of url: String) -> HTTPAuthority? {
        var copy = url
        guard let ranges = copy.withUTF8({ httpAuthorityRanges(in: $0) }) else { return nil }
        let utf8 = url.utf8
        func part(_ range: Range<Int>) -> Substring {
            url[utf8.index(utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: range.upperBound)]
        }
        return HTTPAuthority(userinfo: ranges.userinfo.map(part), host: part(ranges.host), port: ranges.port.map(part))
    }

    /// ``HTTPAuthority`` as byte ranges of the URL's UTF-8.
    public struct HTTPAuthorityRanges: Equatable, Sendable {
        public var userinfo: Range<Int>?
        public var host: Range<Int>
        public var port: Range<Int>?
    }

    /// The authority of the URL `bytes` (UTF-8) as ``httpAuthority(of:)`` splits it, as byte ranges.
    public static func httpAuthorityRanges(in bytes: UnsafeBufferPointer<UInt8>) -> HTTPAuthorityRanges? {
        var index = 0
        for expected in "http".utf8 {
            guard index < bytes.count, bytes[index] | 0x20 == expected else { return nil }
            index += 1
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "s") { index += 1 }
        for expected in "://".utf8 {
            guard index < bytes.count, bytes[index] == expected else { return nil }
            index += 1
        }
        let start = index
        var at: Int?
        var colon: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            if byte == UInt8(ascii: "@") {
                at = index
                colon = nil
            } else if byte == UInt8(ascii: ":"), colon == nil {
                colon = index
            }
            index += 1
        }
        return HTTPAuthorityRanges(userinfo: at.map { start..<$0 },
                                   host: (at.map { $0 + 1 } ?? start)..<(colon ?? index),
                                   port: colon.map { ($0 + 1)..<index })
    }

    /// Printable ASCII without the characters URLs must escape (space, `\\`, `"`, `<`, `>`, `^`,
    /// `` ` ``, `{`, `|`, `}`), every `%` starting a two-digit hexadecimal escape.
    public static func isPlainURI(_ url: String) -> Bool {
        var string = url
        return string.withUTF8(isPlainURI)
    }

    /// `isPlainURI` of the UTF-8 `bytes`.
    static func isPlainURI(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            // One bit per byte below 0x80 (a switch over the characters jumped through a table at every byte).
            let plain = byte < 0x40 ? plainBelow40 : byte < 0x80 ? plainFrom40 : 0
            if plain >> (byte & 0x3F) & 1 == 0 {
                guard byte == UInt8(ascii: "%"), index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else { return false }
            }
            index += 1
        }
        return true
    }

    /// The bytes 0x00–0x3F `isPlainURI` passes as they are, bit n for byte n: `!`, `#`, `$`, `&`–`;`,
    /// `=`, `?` (not space and controls, `"`, `<`, `>`, nor `%`, which must start an escape).
    private static var plainBelow40: UInt64 { 0xAFFF_FFDA_0000_0000 }

    /// The bytes 0x40–0x7F `isPlainURI` passes, bit n for byte 0x40 + n: `@`–`~` but `\`, `^`,
    /// `` ` ``, `{`, `|`, `}` (and not DEL).
    private static var plainFrom40: UInt64 { 0x47FF_FFFE_AFFF_FFFF }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func fixingPercentSigns(_ text: String) -> String {
        guard text.containsByte(UInt8(ascii: "%")) else { return text }
        let characters = Array(text)
        var out = ""
        for (index, character) in characters.enumerated() {
            if character == "%" {
                let valid = index + 2 < characters.count && characters[index + 1].isHexDigit && characters[index + 2].isHexDigit
                out += valid ? "%" : "%25"
            } else {
                out.append(character)
            }
        }
        return out
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "ftp", "news", "tel"]

    /// The URL if its scheme is safe (or it is relative), trimmed of white space and control
    /// characters; nil for `javascript:`, `data:`, `vbscript:` and any unknown scheme.
    public static func safeURL(_ url: String) -> String? {
        // The scheme's bytes, lower-cased, packed into a word: every allowed scheme fits in one.
        var scheme: UInt64 = 0
        var schemeLength = 0
        var sawColon = false
        var copy = url
        copy.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte <= 0x20 || byte == 0x7F {
                    index += 1
                    continue
                }
                if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9F {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: ":") {
                    sawColon = true
                    return
                }
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { return }
                scheme = scheme << 8 | UInt64(byte.lowercasedASCII)
                schemeLength += 1
                index += 1
            }
        }
        if sawColon, schemeLength > 8 || !allowedSchemeKeys.contains(scheme) { return nil }
        return trimmingLineSpace(url)
    }

    /// `allowedSchemes`, each packed into a word as `safeURL` packs a scheme (no byte is zero).
    private static let allowedSchemeKeys: [UInt64] = allowedSchemes.map { name in
        name.utf8.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// `url` without leading and trailing spaces, tabs and line breaks.
    private static func trimmingLineSpace(_ url: String) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard let first = url.utf8.first, let last = url.utf8.last else { return url }
        if !isSpace(first), !isSpace(last) { return url }
        let utf8 = url.utf8
        guard let start = utf8.firstIndex(where: { !isSpace($0) }), let end = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: Array(utf8[start...end]), as: UTF8.self)
    }
}
