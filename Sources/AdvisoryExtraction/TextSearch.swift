import AdvisoryModel
/// Substring search on UTF-8 bytes, for the hot paths where Foundation's `range(of:options:)`
/// (grapheme-aware and locale-aware) costs far more than the answer is worth.
enum TextSearch {
    /// True when `text` contains `needle`, ignoring case (both sides lower-cased).
    static func containsIgnoringCase(_ text: String, _ needle: LowercasedNeedle) -> Bool {
        let lower = text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) ? text.lowercased() : text
        return contains(lower.utf8, needle.bytes)
    }

    /// True when `text` contains any of `needles`, ignoring case.
    static func containsAny(_ text: String, _ needles: [LowercasedNeedle]) -> Bool {
        guard !needles.isEmpty else { return false }
        let lower = text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) ? text.lowercased() : text
        return needles.contains { contains(lower.utf8, $0.bytes) }
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
