import Foundation
@testable import SiteRendering
import Testing

/// CSAF text is trimmed and collapsed on bytes (`csafTrimmed`, `csafCollapsingWhitespace`); the
/// answers are those of the character walks they replaced (`characterTrimmed`, `characterCollapsed`).
@Suite("CSAF whitespace on bytes")
struct WhiteSpaceTests {
    static let allScalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init)

    @Test("White_Space on bytes is Unicode's White_Space, scalar by scalar")
    func whiteSpaceBytes() {
        var mismatches: [UInt32] = []
        for scalar in Self.allScalars {
            var text = String(scalar)
            let length = text.withUTF8 { WhiteSpaceBytes.length(in: $0, at: 0) }
            if (length > 0) != scalar.properties.isWhitespace || (length > 0 && length != text.utf8.count) { mismatches.append(scalar.value) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10).map { String($0, radix: 16) })")
    }

    @Test("Scalars that stand alone make no character with a neighbour that stands alone, nor with a letter")
    func standingAlone() {
        let alone = Self.allScalars.filter { WhiteSpaceBytes.standsAlone($0.value) }
        // Every range's ends and every 97th scalar between as partners; CR LF is the one known pair.
        let partners = Array(Set(alone.enumerated().filter { $0.offset % 97 == 0 }.map(\.element)
            + [0x0, 0xD, 0xA, 0x20, 0x2FF, 0x1680, 0x2000, 0x200A, 0x205F, 0x3000, 0x3029, 0x3041, 0x3096, 0x30A1, 0x30FA, 0x4E00, 0x9FFF,
               0xAC00, 0xD7A3, 0xFF01, 0xFF5E].compactMap(Unicode.Scalar.init)))
        var joined: [String] = []
        for scalar in alone {
            for partner in partners + ["a"] where !(scalar == "\r" && partner == "\n") {
                if (String(scalar) + String(partner)).count != 2 || (String(partner) + String(scalar)).count != 2 && !(partner == "\r" && scalar == "\n") {
                    joined.append(String(scalar.value, radix: 16) + "+" + String(partner.value, radix: 16))
                }
            }
        }
        #expect(joined.isEmpty, "\(joined.prefix(10))")
    }

    @Test("Trimming and collapsing give the character walks' answers", arguments: [
        ("empty", ""),
        ("spaces only", " \t\u{3000}\r\n"),
        ("plain", "Windows Vista"),
        ("ends", "  Windows   Vista \n"),
        ("ideographic space", "\u{3000}安全更新\u{3000}程序 "),
        ("no-break and en spaces", "\u{A0}a\u{2002}b\u{202F}c\u{205F}"),
        ("line separators", "a\u{2028}b\u{2029}\u{85}c"),
        ("CR LF", "a\r\nb\r\n"),
        ("combining mark after a space", "x \u{301}y"),
        ("combining mark at the end", "x \u{301}  "),
        ("combining mark at the start", " \u{301}x"),
        ("prepended sign before a space", "\u{600} x"),
        ("zero width joiner after a space", "a \u{200D}b"),
        ("spacing mark after a space", "a \u{903}"),
        ("emoji", " 👍🏽 x "),
        ("zero width space is not whitespace", "\u{200B}a\u{200B}"),
        ("mixed scripts", " 漏洞 CVE-2016-0002：\u{3000}\t远程 代码执行 "),
    ])
    func agreesWithCharacters(name: String, text: String) {
        #expect(text.csafTrimmed == text.characterTrimmed)
        #expect(text.csafCollapsingWhitespace == text.characterCollapsed)
    }

    @Test("Every string of up to four scalars from an awkward alphabet")
    func exhaustiveShortStrings() {
        let alphabet: [String] = [" ", "\t", "\r", "\n", "\u{3000}", "\u{A0}", "\u{2028}", "a", "中", "\u{301}", "\u{600}", "\u{200D}", "\u{903}", "\u{1F1E6}", "👍", "\u{1160}"]
        var texts = [""]
        var mismatches: [String] = []
        for _ in 1...4 {
            texts = texts.flatMap { text in alphabet.map { text + $0 } }
            for text in texts where text.csafTrimmed != text.characterTrimmed || text.csafCollapsingWhitespace != text.characterCollapsed {
                mismatches.append(text.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }
}
