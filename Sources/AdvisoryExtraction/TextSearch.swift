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
        guard let first = needle.first else { return true }
        if let found = haystack.withContiguousStorageIfAvailable({ search($0, needle, first: first) }) { return found }
        return Array(haystack).withUnsafeBufferPointer { search($0, needle, first: first) }
    }

    private static func search(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], first: UInt8) -> Bool {
        let count = needle.count
        guard hay.count >= count else { return false }
        var index = 0
        let last = hay.count - count
        while index <= last {
            if hay[index] == first {
                var matched = 1
                while matched < count, hay[index + matched] == needle[matched] { matched += 1 }
                if matched == count { return true }
            }
            index += 1
        }
        return false
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
