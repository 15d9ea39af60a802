import Foundation

/// Integers held by strings (indices, mostly), found as `[String: Int]` finds them (keys equal
/// when canonically equivalent), but by their UTF-8 bytes as long as every key is plain
/// (``PlainText``): hashing a `String` beyond ASCII checks its normal form and feeds the hasher
/// byte by byte, which made the CSAF product catalog's tables of product names (`Windows Server
/// 2008 R2 用于基于 x64 的系统 Service Pack 1`) a visible share of a build.
///
/// Two plain strings are canonically equivalent exactly when their bytes are equal: each plain
/// scalar is its own NFC form (NFC_QC=Yes) and has combining class 0, so a string of them is in
/// NFC already, and strings in NFC are canonically equivalent only when they are the same. A key
/// that is not plain may still equal a plain one (the Kelvin sign `K` equals `K`), so the first
/// such key moves every key into a `[String: Int]`, which answers from then on.
///
/// Not generic: a generic table called from another module ran unspecialised, slower than the
/// `Set<String>` it replaced.
public struct CanonicalStringTable {
    private var plain: [PlainKey: Int]
    private var general: [String: Int]?

    public init(minimumCapacity: Int = 0) {
        plain = Dictionary(minimumCapacity: minimumCapacity)
    }

    /// The value held for `key` (or a string equal to it); nil after holding `value` for `key`
    /// when there was none.
    public mutating func value(for key: String, insertingIfAbsent value: Int) -> Int? {
        if general == nil {
            let candidate = PlainKey(key)
            if candidate.isPlain { return Self.exchange(&plain[candidate], value) }
            // Distinct plain keys are distinct strings, so none is lost; were two equal all the
            // same, the smaller value (the earlier index, as callers number them) stays, no trap.
            general = Dictionary(plain.map { ($0.key.text, $0.value) }, uniquingKeysWith: { earlier, later in min(earlier, later) })
            plain = [:]
        }
        return Self.exchange(&general![key], value)
    }

    /// The value of `slot`, or nil after setting it to `value` when it had none (one lookup of
    /// the dictionary the slot belongs to).
    private static func exchange(_ slot: inout Int?, _ value: Int) -> Int? {
        if let held = slot { return held }
        slot = value
        return nil
    }
}

extension CanonicalStringTable {
    /// Adds `key` (used as a set); true when no equal string was there (as
    /// `Set<String>.insert(_:).inserted`).
    public mutating func insert(_ key: String) -> Bool {
        value(for: key, insertingIfAbsent: 0) == nil
    }
}

/// A string hashed and compared by its UTF-8 bytes.
private struct PlainKey: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    var isPlain: Bool {
        var copy = text
        return copy.withUTF8(PlainText.isPlain)
    }

    static func == (left: PlainKey, right: PlainKey) -> Bool {
        var left = left.text
        var right = right.text
        return left.withUTF8 { a in
            right.withUTF8 { b in a.count == b.count && (a.isEmpty || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) }
        }
    }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Text of scalars that are their own NFC form (NFC_QC=Yes) and have combining class 0, so that
/// a string of them is in NFC: ASCII, Latin-1 and Latin Extended-A, Cyrillic letters, general and
/// CJK punctuation, kana (not the combining voicing marks), unified ideographs, Hangul syllables,
/// fullwidth and halfwidth forms. `CanonicalStringTableTests` checks each against the Unicode data.
public enum PlainText {
    /// True when every scalar of the UTF-8 `bytes` (a `String`'s, so well formed) is plain.
    public static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Scalars.allBeyondASCII(of: bytes, satisfy: isPlain)
    }

    /// True when the scalar `value` is plain.
    public static func isPlain(_ value: UInt32) -> Bool {
        switch value {
        case 0x0000...0x007F: true                                   // ASCII
        case 0x00A0...0x017F: true                                   // Latin-1 Supplement, Latin Extended-A
        case 0x0400...0x0482, 0x048A...0x04FF: true                  // Cyrillic, not the combining marks 0483–0489
        case 0x2010...0x2027, 0x2030...0x205E: true                  // general punctuation, not the spaces 2000–200F
        case 0x2100...0x2125: true                                   // letterlike symbols before the Ohm sign (™)
        case 0x3000...0x3029, 0x3030...0x303F: true                  // CJK punctuation, not the tone marks 302A–302F
        case 0x3040...0x3098, 0x309B...0x30FF: true                  // kana, not the combining voicing marks
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: true                  // unified ideographs (not the compatibility ones)
        case 0xAC00...0xD7A3: true                                   // Hangul syllables
        case 0xFF01...0xFFEF: true                                   // fullwidth and halfwidth forms
        default: false
        }
    }
}

/// The scalars of well-formed UTF-8, read on its bytes.
public enum UTF8Scalars {
    /// True when `isAccepted` holds for every scalar beyond ASCII of the well-formed UTF-8
    /// `bytes` (a `String`'s); ASCII bytes pass without a call, and the first scalar refused ends
    /// the reading.
    @inlinable
    public static func allBeyondASCII(of bytes: UnsafeBufferPointer<UInt8>, satisfy isAccepted: (UInt32) -> Bool) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard index + length <= bytes.count else { return false }
            var value = UInt32(lead & (0x7F >> length))
            for offset in 1..<length {
                value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
            }
            guard isAccepted(value) else { return false }
            index += length
        }
        return true
    }
}
