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

    /// True when no byte of `bytes` is 0x80 or above.
    @inlinable
    public static func isAllASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while let word = word(bytes, at: index) {
            if hasHigh(word) != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    /// How many bytes of `word` are `byte` (exact: no carry crosses a byte).
    @inlinable @inline(__always)
    public static func count(of byte: UInt8, in word: UInt64) -> Int {
        let matched = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        let low = (matched & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
        return (~(low | matched | 0x7F7F_7F7F_7F7F_7F7F)).nonzeroBitCount
    }

    /// How many bytes of a word come before the first one a nonzero `mask` of the tests above
    /// flags (`has`, `hasBelow`, `hasHigh`, or several of them or'ed): a scan may go straight
    /// there. Their false alarms come from a borrow out of a byte that matches, which runs
    /// towards the word's high end: on a little-endian machine that is after the match, so the
    /// first flagged byte is the first that matches; on a big-endian one it may come before
    /// the match, never after it, so nothing that matches is skipped either way.
    @inlinable @inline(__always)
    public static func firstFlagged(_ mask: UInt64) -> Int {
        #if _endian(little)
        mask.trailingZeroBitCount >> 3
        #else
        mask.leadingZeroBitCount >> 3
        #endif
    }

    /// The index of the first `byte` in `bytes` at or after `start`, or `bytes.count` when there
    /// is none: a word at a time, inlined, for scans whose stops come close together (tags in
    /// HTML), where a `memchr` call per stop (`ByteSearch.firstIndex`) costs more than it saves.
    @inlinable @inline(__always)
    public static func nextIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            if let word = word(bytes, at: index) {
                let flagged = has(word, byte)
                guard flagged != 0 else {
                    index += 8
                    continue
                }
                index += firstFlagged(flagged)
            }
            if bytes[index] == byte { return index }
            index += 1
        }
        return bytes.count
    }
}
