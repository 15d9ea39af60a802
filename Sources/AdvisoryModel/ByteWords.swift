/// Scanning UTF-8 eight bytes at a time: a word with none of the bytes a scan stops at is
/// skipped whole. The tests are the exact has-zero-byte and has-less-than tricks: a nonzero
/// answer may point at the wrong byte, so the scan then looks at the bytes one by one.
public enum ByteWords {
    /// The eight bytes at `index`, or nil when fewer remain.
    @inlinable @inline(__always)
    public static func word(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64? {
        guard index + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
        return UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
    }

    /// Nonzero when a byte of `word` is `byte`.
    @inlinable @inline(__always)
    public static func has(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let matched = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (matched &- 0x0101_0101_0101_0101) & ~matched & 0x8080_8080_8080_8080
    }

    /// Nonzero when a byte of `word` is below `limit` (at most 0x80).
    @inlinable @inline(__always)
    public static func hasBelow(_ word: UInt64, _ limit: UInt8) -> UInt64 {
        (word &- 0x0101_0101_0101_0101 &* UInt64(limit)) & ~word & 0x8080_8080_8080_8080
    }

    /// Nonzero when a byte of `word` is 0x80 or above (not ASCII).
    @inlinable @inline(__always)
    public static func hasHigh(_ word: UInt64) -> UInt64 {
        word & 0x8080_8080_8080_8080
    }

    /// How many bytes of `word` are `byte` (exact: no carry crosses a byte).
    @inlinable @inline(__always)
    public static func count(of byte: UInt8, in word: UInt64) -> Int {
        let matched = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let low = (matched & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return (~(low | matched | 0x7F7F_7F7F_7F7F_7F7F)).nonzeroBitCount
    }
}
