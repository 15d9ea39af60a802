import AdvisoryModel

/// Finds CVE ids and Knowledge Base article numbers in text and URLs, on the string's own UTF-8
/// bytes (no copy into an array, no lower-casing).
public enum IdentifierScanner {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The CVE ids and KB numbers of `text` (as `cves(in:)` and `kbNumbers(in:)`), after one
    /// pass over its bytes that rules out texts without a run of four digits.
    public static func identifiers(in text: String) -> (cves: [String], kbNumbers: [String]) {
        // Both need a run of four digits: a shorter text holds neither.
        guard text.utf8.count >= 4 else { return ([], []) }
        if let found = text.utf8.withContiguousStorageIfAvailable({ identifiers(in: $0) }) { return found }
        var text = text
        return text.withUTF8 { identifiers(in: $0) }
    }

    private static func identifiers(in bytes: Bytes) -> (cves: [String], kbNumbers: [String]) {
        let longest = longestDigitRun(bytes, upTo: 6)
        guard longest >= 4 else { return ([], []) }
        return (cves(in: bytes), longest >= 6 && mayHoldKBMarker(bytes) ? kbReferences(in: bytes) : [])
    }

    /// The length of the longest run of ASCII digits in `bytes`, or `limit` once a run reaches
    /// it. Eight bytes are read at a time: their digits as a mask of eight bits (`digitMask`), whose
    /// runs of ones carry the run from the word before and give the runs within.
    static func longestDigitRun(_ bytes: Bytes, upTo limit: Int) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var digits = 0
        var longest = 0
        var index = 0
        while index + 8 <= bytes.count {
            let flags = digitFlags(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self).littleEndian)
            index += 8
            if flags == 0 {
                digits = 0
                continue
            }
            if flags == everyByte {
                digits += 8
                longest = max(longest, digits)
            } else {
                let mask = gathered(flags)
                longest = max(longest, digits + (~mask).trailingZeroBitCount, longestRunOfOnes(mask))
                digits = (~mask).leadingZeroBitCount
            }
            if longest >= limit { return limit }
        }
        while index < bytes.count {
            if bytes[index].isASCIIDigit {
                digits += 1
                longest = max(longest, digits)
                if longest >= limit { return limit }
            } else {
                digits = 0
            }
            index += 1
        }
        return longest
    }

    /// The top bit of every byte.
    private static let everyByte: UInt64 = 0x8080_8080_8080_8080

    /// The top bit of each byte of `word` that is an ASCII digit. A byte is one when it XOR 0x30
    /// is below 10: with its top bit set first, subtracting 10 borrows from no other byte, and
    /// leaves the top bit clear exactly for the low seven bits below 10.
    static func digitFlags(_ word: UInt64) -> UInt64 {
        let offset = word ^ 0x3030_3030_3030_3030
        return ~((offset | everyByte) &- 0x0A0A_0A0A_0A0A_0A0A) & ~offset & everyByte
    }

    /// `flags` (top bits of bytes) as eight bits, bit `i` for byte `i`: moved to bit 0 of each
    /// byte, then gathered into the top byte by one multiplication.
    static func gathered(_ flags: UInt64) -> UInt8 {
        UInt8(truncatingIfNeeded: ((flags &>> 7) &* 0x0102_0408_1020_4080) &>> 56)
    }

    /// Bit `i` set when byte `i` of `word` (in memory order) is an ASCII digit.
    static func digitMask(_ word: UInt64) -> UInt8 {
        gathered(digitFlags(word))
    }

    /// The length of the longest run of set bits in `mask`.
    static func longestRunOfOnes(_ mask: UInt8) -> Int {
        var remaining = mask
        var length = 0
        while remaining != 0 {
            remaining &= remaining &<< 1
            length += 1
        }
        return length
    }

    /// `CVE-2016-0002` (any case, normalised to upper case), in order of appearance.
    public static func cves(in text: String) -> [String] {
        var text = text
        return text.withUTF8(cves(in:))
    }

    /// Every id's `cve` is followed by a `-`: the dashes are found with `memchr`, and `cve-` is
    /// looked for only before them.
    static func cves(in bytes: Bytes) -> [String] {
        var found: [String] = []
        guard bytes.count >= 13 else { return found }
        var from = 3
        while let dash = ByteSearch.firstIndex(of: UInt8(ascii: "-"), in: bytes, from: from) {
            let index = dash - 3
            guard index + 12 < bytes.count else { break }
            from = dash + 1
            let c = bytes[index] | 0x20, v = bytes[index + 1] | 0x20, e = bytes[index + 2] | 0x20
            guard c == UInt8(ascii: "c"), v == UInt8(ascii: "v"), e == UInt8(ascii: "e") else { continue }
            if index > 0, isWordByte(bytes[index - 1]) { continue }
            var cursor = dash + 1
            let yearStart = cursor
            while cursor < bytes.count, bytes[cursor].isASCIIDigit { cursor += 1 }
            guard cursor - yearStart == 4, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") else { continue }
            cursor += 1
            let numberStart = cursor
            while cursor < bytes.count, bytes[cursor].isASCIIDigit { cursor += 1 }
            let digits = cursor - numberStart
            if (4...7).contains(digits), cursor == bytes.count || !isWordByte(bytes[cursor]) {
                let year = String(decoding: bytes[yearStart..<(yearStart + 4)], as: UTF8.self)
                let number = String(decoding: bytes[numberStart..<cursor], as: UTF8.self)
                found.append("CVE-\(year)-\(number)")
            }
            // The next id's `cve` starts after these digits.
            from = cursor + 3
        }
        return found
    }

    /// Knowledge Base article numbers: `KB954474`, `kb/954474`, `知识库文章 954474`, `?kbid=954474`,
    /// `scid=kb;en-us;954474`, `Knowledge Base-Artikel 954474`. Six or seven digits, in order of appearance.
    public static func kbNumbers(in text: String) -> [String] {
        var text = text
        return text.withUTF8(kbNumbers(in:))
    }

    static func kbNumbers(in bytes: Bytes) -> [String] {
        guard mayContainKB(bytes) else { return [] }
        return kbReferences(in: bytes)
    }

    /// Every KB reference of `bytes`, looked for at each offset that can start one.
    private static func kbReferences(in bytes: Bytes) -> [String] {
        var found: [String] = []
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            // Every reference starts with `k`, `s` (any case) or `知` (E7 9F A5); E7 leads many
            // other ideographs, so its next two bytes are checked here.
            guard lead | 0x20 == UInt8(ascii: "k") || lead | 0x20 == UInt8(ascii: "s")
                    || (lead == phraseLead && index + 2 < bytes.count && bytes[index + 1] == 0x9F && bytes[index + 2] == 0xA5) else {
                index += 1
                continue
            }
            if let (number, end) = kbReference(bytes, at: index) {
                found.append(number)
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    private static let phrases: [(bytes: [UInt8], optionalSuffix: [UInt8]?)] = [
        (Array("知识库文章".utf8), Array("编号".utf8)),
        (Array("知識庫文章".utf8), Array("編號".utf8)),
        (Array("knowledge base-artikel".utf8), Array("s".utf8)),
        (Array("knowledge base article".utf8), nil),
    ]
    /// The first byte of `知`, which starts both Chinese phrases (the English ones start with `k`).
    private static let phraseLead: UInt8 = 0xE7
    private static let kbid = Array("id=".utf8)
    private static let scid = Array("scid=kb;".utf8)

    /// The number and the end offset of a KB reference starting at `start`, if one does.
    private static func kbReference(_ bytes: Bytes, at start: Int) -> (String, Int)? {
        let byte = bytes[start]
        var cursor: Int
        if byte | 0x20 == UInt8(ascii: "k"), start + 1 < bytes.count, bytes[start + 1] | 0x20 == UInt8(ascii: "b") {
            cursor = start + 2
            if matches(bytes, at: cursor, kbid) {
                cursor += 3
            } else {
                guard !precededByWordCharacter(bytes, start) else { return nil }
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "/") || bytes[cursor] == UInt8(ascii: ":") { cursor += 1 }
                if cursor < bytes.count, isSpace(bytes[cursor]) {
                    cursor += 1
                } else if isNoBreakSpace(bytes, cursor) {
                    cursor += 2
                }
            }
        } else if byte | 0x20 == UInt8(ascii: "s"), matches(bytes, at: start, scid) {
            cursor = start + 8
            var skipped = 0
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ";"), skipped < 12 {
                cursor += 1
                skipped += 1
            }
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ";") else { return nil }
            cursor += 1
        } else if byte == phraseLead || byte | 0x20 == UInt8(ascii: "k"), let phrase = phrases.first(where: { matches(bytes, at: start, $0.bytes) }) {
            cursor = start + phrase.bytes.count
            if let suffix = phrase.optionalSuffix, matches(bytes, at: cursor, suffix) { cursor += suffix.count }
            while cursor < bytes.count {
                if isSpace(bytes[cursor]) || bytes[cursor] == 0x0A {
                    cursor += 1
                } else if isNoBreakSpace(bytes, cursor) {
                    cursor += 2
                } else {
                    break
                }
            }
        } else {
            return nil
        }
        let digitsStart = cursor
        while cursor < bytes.count, bytes[cursor].isASCIIDigit, cursor - digitsStart < 8 { cursor += 1 }
        let count = cursor - digitsStart
        guard count == 6 || count == 7, !followedByWordCharacter(bytes, cursor) else { return nil }
        return (String(decoding: bytes[digitsStart..<cursor], as: UTF8.self), cursor)
    }

    /// Compares ASCII letters case-insensitively, other bytes exactly; `pattern` is lower case.
    private static func matches(_ bytes: Bytes, at start: Int, _ pattern: [UInt8]) -> Bool {
        guard start + pattern.count <= bytes.count else { return false }
        for (offset, expected) in pattern.enumerated() {
            if bytes[start + offset].lowercasedASCII != expected { return false }
        }
        return true
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    private static func isNoBreakSpace(_ bytes: Bytes, _ index: Int) -> Bool {
        index + 1 < bytes.count && bytes[index] == 0xC2 && bytes[index + 1] == 0xA0
    }

    /// Like a regular expression's `\b`: letters and digits of any script count as word characters.
    private static func precededByWordCharacter(_ bytes: Bytes, _ index: Int) -> Bool {
        guard index > 0 else { return false }
        if bytes[index - 1] < 0x80 { return isWordByte(bytes[index - 1]) }
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordScalar(bytes[start..<index])
    }

    private static func followedByWordCharacter(_ bytes: Bytes, _ index: Int) -> Bool {
        guard index < bytes.count else { return false }
        if bytes[index] < 0x80 { return isWordByte(bytes[index]) }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return isWordScalar(bytes[index..<end])
    }

    private static func isWordScalar(_ utf8: Slice<Bytes>) -> Bool {
        guard let scalar = String(decoding: utf8, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static let kbMarkers: [[UInt8]] = [Array("知识库".utf8), Array("知識庫".utf8)]
    private static let knowledgeBase = Array("knowledge base".utf8)

    /// True when `text` may hold a KB reference: it needs a six-digit run and `kb`, a
    /// knowledge-base phrase or `kbid`.
    static func mayContainKB(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(mayContainKB(_:))
    }

    /// A byte scan that rules out most texts before `kbReference` looks at every offset: a
    /// six-digit run (`longestDigitRun`) and a marker (`mayHoldKBMarker`).
    static func mayContainKB(_ bytes: Bytes) -> Bool {
        longestDigitRun(bytes, upTo: 6) >= 6 && mayHoldKBMarker(bytes)
    }

    /// True when `bytes` hold `kb`, a knowledge-base phrase or `kbid` (any ASCII case), which
    /// every KB reference but the `scid=kb;` form (it holds `kb` too) starts with. The English
    /// phrase is searched with ASCII case folding, as `kbReference` matches it.
    static func mayHoldKBMarker(_ bytes: Bytes) -> Bool {
        guard bytes.count >= 2 else { return false }
        var index = 0
        let last = bytes.count - 1
        var hasLead = false
        while index < last {
            let byte = bytes[index]
            if byte | 0x20 == UInt8(ascii: "k") {
                if bytes[index + 1] | 0x20 == UInt8(ascii: "b") || matches(bytes, at: index, knowledgeBase) { return true }
            } else if byte == phraseLead {
                hasLead = true
            }
            index += 1
        }
        return hasLead && kbMarkers.contains { ByteSearch.contains(bytes, $0) }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_")
    }
}
