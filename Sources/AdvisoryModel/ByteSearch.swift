/// Substring search on UTF-8 bytes, for hot paths where Foundation's `contains`/`range(of:)`
/// (locale- and grapheme-aware) costs far more than the answer is worth.
public enum ByteSearch {
    /// True when `needle` occurs in `hay` (byte for byte; an empty needle always does).
    public static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard hay.count >= needle.count else { return false }
        var index = 0
        let last = hay.count - needle.count
        while index <= last {
            if hay[index] == first {
                var matched = 1
                while matched < needle.count, hay[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}

extension String {
    /// True when the UTF-8 bytes of `needle` occur in the string (exact, byte-wise).
    public func containsBytes(of needle: String) -> Bool {
        var copy = self
        return copy.withUTF8 { ByteSearch.contains($0, Array(needle.utf8)) }
    }
}
