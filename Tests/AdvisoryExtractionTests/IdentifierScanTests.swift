@testable import AdvisoryExtraction
import Testing

/// The digit-run gate and the CVE scan against plain loops that read every byte, on texts made
/// from the pieces each fast path looks at.
@Suite("Identifier scans against byte-by-byte readings")
struct IdentifierScanTests {
    /// The longest run of ASCII digits, byte by byte, capped at `limit`.
    static func referenceLongestRun(_ bytes: [UInt8], upTo limit: Int) -> Int {
        var longest = 0
        var digits = 0
        for byte in bytes {
            digits = (0x30...0x39).contains(byte) ? digits + 1 : 0
            longest = max(longest, digits)
        }
        return min(longest, limit)
    }

    /// CVE ids by trying `cve-` at every offset (the reading before the dashes were searched).
    static func referenceCVEs(_ bytes: [UInt8]) -> [String] {
        func isWord(_ byte: UInt8) -> Bool { byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_") }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        var found: [String] = []
        var index = 0
        while index + 13 <= bytes.count {
            let prefix = bytes[index..<(index + 3)].map { $0 | 0x20 }
            guard prefix == Array("cve".utf8), bytes[index + 3] == UInt8(ascii: "-"), index == 0 || !isWord(bytes[index - 1]) else {
                index += 1
                continue
            }
            var cursor = index + 4
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
            guard cursor - (index + 4) == 4, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") else {
                index += 1
                continue
            }
            let numberStart = cursor + 1
            cursor = numberStart
            while cursor < bytes.count, isDigit(bytes[cursor]) { cursor += 1 }
            if (4...7).contains(cursor - numberStart), cursor == bytes.count || !isWord(bytes[cursor]) {
                found.append("CVE-" + String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self) + "-"
                             + String(decoding: bytes[numberStart..<cursor], as: UTF8.self))
            }
            index = cursor
        }
        return found
    }

    /// Texts the same on every run, of pieces that make and break digit runs and CVE ids.
    static func generatedTexts(count: Int) -> [[UInt8]] {
        let pieces = ["1", "12", "2016", "0002", "123456", "12345678", "-", "cve-", "CVE-", "CvE-", "x", "_", " ", "：",
                      "漏洞", "\u{A0}", "cve-2016-0002", "CVE-2017-01444", "/", "\n", "abcdefgh", "Ａ", "9"].map { Array($0.utf8) }
        return generatedSequences(count: count, of: pieces, maxPieces: 14, seed: 0x2545_F491_4F6C_DD1D)
    }

    @Test("longest digit run, for caps four and six")
    func longestRunAgainstByteReading() {
        var reachedSix = 0
        for bytes in Self.generatedTexts(count: 20_000) {
            for limit in [4, 6] {
                let found = bytes.withUnsafeBufferPointer { IdentifierScanner.longestDigitRun($0, upTo: limit) }
                #expect(found == Self.referenceLongestRun(bytes, upTo: limit), "\(String(decoding: bytes, as: UTF8.self))")
            }
            if Self.referenceLongestRun(bytes, upTo: 6) == 6 { reachedSix += 1 }
        }
        #expect(reachedSix > 1_000)
    }

    @Test("digit masks of words, by hand", arguments: [
        ("no digit", "abcdefgh", UInt8(0)),
        ("all digits", "01234567", UInt8(0xFF)),
        ("first byte only", "9bcdefgh", UInt8(0x01)),
        ("last byte only", "abcdefg0", UInt8(0x80)),
        ("'/' and ':' beside the digits", "/0:9/0:9", UInt8(0b1010_1010)),
        ("bytes whose low seven bits are digits", "\u{B0}\u{B9}", UInt8(0)),
    ])
    func digitMask(name: String, text: String, expected: UInt8) {
        var bytes = Array(text.utf8.prefix(8))
        bytes += Array(repeating: UInt8(ascii: "z"), count: 8 - bytes.count)
        let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
        #expect(IdentifierScanner.digitMask(word) == expected)
    }

    @Test("CVE ids")
    func cvesAgainstEveryOffset() {
        var withIds = 0
        for bytes in Self.generatedTexts(count: 20_000) {
            let found = bytes.withUnsafeBufferPointer { IdentifierScanner.cves(in: $0) }
            let expected = Self.referenceCVEs(bytes)
            #expect(found == expected, "\(String(decoding: bytes, as: UTF8.self))")
            if !expected.isEmpty { withIds += 1 }
        }
        #expect(withIds > 1_000)
    }

    @Test("CVE ids where the dashes stand close, by hand", arguments: [
        ("an id right after a year with no number", "CVE-2016-cve-2016-1234", ["CVE-2016-1234"]),
        ("an id glued to the digits before it", "CVE-2016-0002cve-2016-0003", []),
        ("dashes before and between", "--CVE-2016-0002--CVE-2017-0144-", ["CVE-2016-0002", "CVE-2017-0144"]),
        ("the last thirteen bytes", "x-CVE-2016-0002", ["CVE-2016-0002"]),
    ])
    func cvesByHand(name: String, text: String, expected: [String]) {
        #expect(IdentifierScanner.cves(in: text) == expected)
        #expect(Self.referenceCVEs(Array(text.utf8)) == expected)
    }
}
