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
    static func containsAny(lowered: String, _ needles: [LowercasedNeedle]) -> Bool {
        needles.contains { contains(lowered.utf8, $0.bytes) }
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

    init(_ text: String) {
        self.text = text.lowercased()
        bytes = Array(self.text.utf8)
    }
}
