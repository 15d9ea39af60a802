/// Whitespace of CSAF text, read as `Character.isWhitespace` reads it (a character is whitespace
/// when its first scalar has the Unicode White_Space property), but on UTF-8 bytes: a character
/// walk asks for grapheme breaks and scalar properties at every character of every FAQ answer.
///
/// The byte walk gives the character walk's answer whenever every run of White_Space scalars
/// starts and ends on a character boundary; that is decided from the scalars beside the run
/// (`isCertainBoundary`), or by the standard library where those could join a cluster (combining
/// marks, prepended signs). When a run does not, the character walk runs instead.
extension String {
    /// Without leading and trailing whitespace characters.
    var csafTrimmed: String {
        var copy = self
        return copy.withUTF8 { bytes -> String in
            var start = 0
            while start < bytes.count, case let length = WhiteSpaceBytes.length(in: bytes, at: start), length > 0 { start += length }
            if start == bytes.count { return "" }
            var end = bytes.count
            while case let previous = WhiteSpaceBytes.scalarStart(in: bytes, before: end), WhiteSpaceBytes.length(in: bytes, at: previous) > 0 { end = previous }
            guard isCharacterBoundary(bytes, start), isCharacterBoundary(bytes, end) else { return characterTrimmed }
            // The character that ends the text must not start with a White_Space scalar (a space
            // and a combining mark are one character, and whitespace).
            if !WhiteSpaceBytes.standsAlone(bytes, at: WhiteSpaceBytes.scalarStart(in: bytes, before: end)) {
                let lastCharacter = index(before: utf8.index(utf8.startIndex, offsetBy: end))
                if WhiteSpaceBytes.length(in: bytes, at: utf8.distance(from: utf8.startIndex, to: lastCharacter)) > 0 { return characterTrimmed }
            }
            if start == 0 && end == bytes.count { return self }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
    }

    /// Runs of whitespace characters (including line breaks) as one space, none at the ends.
    var csafCollapsingWhitespace: String {
        var copy = self
        return copy.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            var segment = 0
            var index = 0
            var foundWhiteSpace = false
            while index < bytes.count {
                var end = index
                while end < bytes.count, case let length = WhiteSpaceBytes.length(in: bytes, at: end), length > 0 { end += length }
                if end == index {
                    index += 1
                    continue
                }
                guard isCharacterBoundary(bytes, index), isCharacterBoundary(bytes, end) else { return characterCollapsed }
                if !foundWhiteSpace { out.reserveCapacity(bytes.count) }
                foundWhiteSpace = true
                if index > segment {
                    if !out.isEmpty { out.append(0x20) }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<index]))
                }
                segment = end
                index = end
            }
            guard foundWhiteSpace else { return self }
            if segment < bytes.count {
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...]))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `csafTrimmed` by characters: what it means, and its answer where a run of whitespace does
    /// not fall on character boundaries.
    var characterTrimmed: String {
        var characters = Substring(self)
        while let first = characters.first, first.isWhitespace { characters.removeFirst() }
        while let last = characters.last, last.isWhitespace { characters.removeLast() }
        return String(characters)
    }

    /// `csafCollapsingWhitespace` by characters.
    var characterCollapsed: String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether the UTF-8 offset `offset` (a scalar start) is a character boundary.
    private func isCharacterBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        if offset == 0 || offset == bytes.count { return true }
        if WhiteSpaceBytes.isCertainBoundary(bytes, offset) { return true }
        return utf8.index(utf8.startIndex, offsetBy: offset).samePosition(in: self) != nil
    }
}

/// The Unicode White_Space scalars on UTF-8 bytes, and the scalars beside which a character
/// boundary is certain.
enum WhiteSpaceBytes {
    /// The length in bytes of the White_Space scalar starting at `index` (U+0009–U+000D, U+0020,
    /// U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000), else 0.
    static func length(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        if lead < 0x80 { return lead == 0x20 || (0x09...0x0D).contains(lead) ? 1 : 0 }
        guard lead >= 0xC2, lead <= 0xE3, index + 1 < bytes.count else { return 0 }
        let second = bytes[index + 1]
        if lead == 0xC2 { return second == 0x85 || second == 0xA0 ? 2 : 0 }
        guard index + 2 < bytes.count else { return 0 }
        let third = bytes[index + 2]
        switch (lead, second) {
        case (0xE1, 0x9A): return third == 0x80 ? 3 : 0
        case (0xE2, 0x80): return (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0
        case (0xE2, 0x81): return third == 0x9F ? 3 : 0
        case (0xE3, 0x80): return third == 0x80 ? 3 : 0
        default: return 0
        }
    }

    /// The start of the scalar that ends at `offset` (0 when `offset` is 0).
    static func scalarStart(in bytes: UnsafeBufferPointer<UInt8>, before offset: Int) -> Int {
        var start = max(0, offset - 1)
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// The scalar whose encoding starts at `index`.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32 {
        let lead = UInt32(bytes[index])
        switch lead {
        case ..<0x80: return lead
        case ..<0xE0: return (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
        case ..<0xF0: return (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
        default: return (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
        }
    }

    /// Whether the scalar neither joins the scalar before it into one character nor makes the
    /// next one join it: below U+0300 (before the first combining mark), a White_Space scalar, a CJK
    /// ideograph, kana, Hangul syllable, CJK or full-width punctuation (`WhiteSpaceTests` checks every one).
    static func standsAlone(_ scalar: UInt32) -> Bool {
        switch scalar {
        case ..<0x300, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000...0x3029, 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF, 0xAC00...0xD7A3, 0xFF01...0xFF5E: true
        default: false
        }
    }

    static func standsAlone(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        standsAlone(scalar(in: bytes, at: index))
    }

    /// Whether a character boundary lies at `offset` for certain: both scalars beside it stand
    /// alone and are not CR LF.
    static func isCertainBoundary(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        let before = scalarStart(in: bytes, before: offset)
        guard standsAlone(bytes, at: before), standsAlone(bytes, at: offset) else { return false }
        return !(bytes[before] == 0x0D && bytes[offset] == 0x0A)
    }
}
