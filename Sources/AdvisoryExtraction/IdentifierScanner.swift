import Foundation

/// Finds CVE ids and Knowledge Base article numbers in text and URLs.
public enum IdentifierScanner {
    /// `CVE-2016-0002` (any case, normalised to upper case), in order of appearance.
    public static func cves(in text: String) -> [String] {
        var found: [String] = []
        let bytes = Array(text.utf8)
        guard bytes.count >= 13 else { return found }
        var index = 0
        while index + 12 < bytes.count {
            let c = bytes[index] | 0x20, v = bytes[index + 1] | 0x20, e = bytes[index + 2] | 0x20
            guard c == UInt8(ascii: "c"), v == UInt8(ascii: "v"), e == UInt8(ascii: "e"), bytes[index + 3] == UInt8(ascii: "-") else {
                index += 1
                continue
            }
            if index > 0, isWordByte(bytes[index - 1]) {
                index += 1
                continue
            }
            var cursor = index + 4
            let yearStart = cursor
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor - yearStart == 4, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") else {
                index += 1
                continue
            }
            cursor += 1
            let numberStart = cursor
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
            let digits = cursor - numberStart
            if (4...7).contains(digits), cursor == bytes.count || !isWordByte(bytes[cursor]) {
                let year = String(decoding: bytes[yearStart..<(yearStart + 4)], as: UTF8.self)
                let number = String(decoding: bytes[numberStart..<cursor], as: UTF8.self)
                found.append("CVE-\(year)-\(number)")
            }
            index = cursor
        }
        return found
    }

    private static let kbExpression = try! NSRegularExpression(
        pattern: "(?:\\bkb[/:]?\\s?|知识库文章(?:编号)?\\s*|知識庫文章(?:編號)?\\s*|Knowledge Base-Artikels?\\s*|Knowledge Base Article\\s*|kbid=|scid=kb;[^;]{0,12};)(\\d{6,7})\\b",
        options: [.caseInsensitive]
    )

    /// Knowledge Base article numbers: `KB954474`, `kb/954474`, `知识库文章 954474`, `?kbid=954474`.
    public static func kbNumbers(in text: String) -> [String] {
        let lower = text.lowercased()
        guard lower.contains("kb") || text.contains("知识库") || text.contains("知識庫") || lower.contains("knowledge base") else {
            return []
        }
        let ns = text as NSString
        return kbExpression.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
    }
}
