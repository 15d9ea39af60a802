import AdvisoryModel
/// Substring search on UTF-8 bytes, for the hot paths where Foundation's `range(of:options:)`
/// (grapheme-aware and locale-aware) costs far more than the answer is worth.
enum TextSearch {
    /// True when `text` contains any of `needles`, ignoring case.
    static func containsAny(_ text: String, _ needles: [LowercasedNeedle]) -> Bool {
        guard !needles.isEmpty else { return false }
        return containsAny(lowered: lowered(text), needles)
    }

    /// `text` lower-cased, for searching it with several needle lists (the same string when it
    /// has no capital and no byte beyond ASCII).
    static func lowered(_ text: String) -> String {
        LabelComparison.lowercased(text)
    }

    /// True when `lowered` (from `lowered(_:)`) contains any of `needles`.
    /// A needle is searched for only when every byte value it has occurs in `lowered`.
    static func containsAny(lowered: String, _ needles: [LowercasedNeedle]) -> Bool {
        guard !needles.isEmpty else { return false }
        var text = lowered
        return text.withUTF8 { bytes in
            let present = ByteValueSet(bytes)
            return needles.contains { present.isSuperset(of: $0.byteValues) && ByteSearch.contains(bytes, $0.bytes) }
        }
    }

    /// True when the bytes of `text` hold the ASCII punctuation `ascii` (`!`…`_`) or its
    /// fullwidth form (U+FF01…U+FF3F, `EF BC 81`…`EF BC BF`): `:` or `：`, `?` or `？`.
    /// Both are found with `memchr`: the ASCII byte, then each place of the fullwidth form's last byte.
    static func containsASCIIOrFullwidth(_ ascii: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            if ByteSearch.firstIndex(of: ascii, in: bytes) != nil { return true }
            let fullwidthLast = 0x80 + ascii - 0x20
            var start = 2
            while let found = ByteSearch.firstIndex(of: fullwidthLast, in: bytes, from: start) {
                if bytes[found - 2] == 0xEF, bytes[found - 1] == 0xBC { return true }
                start = found + 1
            }
            return false
        }
    }

    /// True when the bytes of `haystack` contain `needle`.
    static func contains<C: Collection>(_ haystack: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8 {
        if let found = haystack.withContiguousStorageIfAvailable({ ByteSearch.contains($0, needle) }) { return found }
        return Array(haystack).withUnsafeBufferPointer { ByteSearch.contains($0, needle) }
    }
}

/// A search string lower-cased once, as UTF-8 bytes.
struct LowercasedNeedle: Sendable, Hashable {
    let text: String
    let bytes: [UInt8]
    /// The byte values `bytes` has: a text lacking one of them cannot contain the needle.
    let byteValues: ByteValueSet

    init(_ text: String) {
        self.text = text.lowercased()
        bytes = Array(self.text.utf8)
        byteValues = bytes.withUnsafeBufferPointer(ByteValueSet.init)
    }
}

/// Which of the 256 byte values a byte string has, one bit each.
struct ByteValueSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var (w0, w1, w2, w3): (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for byte in bytes {
            let bit = UInt64(1) << UInt64(byte & 63)
            let quarter = byte >> 6
            w0 |= quarter == 0 ? bit : 0
            w1 |= quarter == 1 ? bit : 0
            w2 |= quarter == 2 ? bit : 0
            w3 |= quarter == 3 ? bit : 0
        }
        words = (w0, w1, w2, w3)
    }

    /// True when every byte value of `other` is in this set.
    func isSuperset(of other: ByteValueSet) -> Bool {
        other.words.0 & ~words.0 == 0 && other.words.1 & ~words.1 == 0
            && other.words.2 & ~words.2 == 0 && other.words.3 & ~words.3 == 0
    }

    static func == (lhs: ByteValueSet, rhs: ByteValueSet) -> Bool {
        lhs.words == rhs.words
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
