/// The check of a source file's bytes: well-formed UTF-8 as the Unicode Standard defines it
/// (table 3-7: no overlong forms, no surrogates, nothing beyond U+10FFFF), the rule
/// `String(validating:as:)` applies, with runs of ASCII passed over sixteen bytes at a time and
/// runs of three-byte sequences (CJK) four bytes at a time.
enum UTF8Validation {
    /// True when `bytes` are well-formed UTF-8.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var index = 0
        while index < count {
            let lead = base[index]
            if lead < 0x80 {
                index += 1
                while index + 16 <= count {
                    let words = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                    if words & 0x8080_8080_8080_8080 != 0 { break }
                    index += 16
                }
                continue
            }
            if lead & 0xF0 == 0xE0 {
                index = endOfThreeByteRun(raw, from: index, count: count)
                guard index < count else { return true }
                if base[index] < 0x80 { continue }
            }
            guard let length = sequenceLength(base, at: index, count: count) else { return false }
            index += length
        }
        return true
    }

    /// The offset after the three-byte sequences that follow one another from `index`, each read
    /// as the low bytes of a little-endian word: a lead `1110xxxx` and two continuation bytes,
    /// with E0's second byte at least A0 (no overlong form) and ED's at most 9F (no surrogate).
    /// Stops at the first sequence it cannot vouch for with a whole word in bounds.
    private static func endOfThreeByteRun(_ raw: UnsafeRawPointer, from start: Int, count: Int) -> Int {
        var index = start
        while index + 4 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian
            guard word & 0x00C0_C0F0 == 0x0080_80E0 else { break }
            let lead = UInt8(truncatingIfNeeded: word)
            let second = UInt8(truncatingIfNeeded: word >> 8)
            if lead == 0xE0, second < 0xA0 { break }
            if lead == 0xED, second > 0x9F { break }
            index += 3
        }
        return index
    }

    /// The length of the well-formed sequence whose lead byte (not ASCII) is at `index`, or nil.
    private static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = base[index]
        func isContinuation(_ offset: Int) -> Bool { base[index + offset] & 0xC0 == 0x80 }
        switch lead {
        case 0xC2...0xDF:
            guard index + 1 < count, isContinuation(1) else { return nil }
            return 2
        case 0xE0...0xEF:
            guard index + 2 < count else { return nil }
            let second = base[index + 1]
            let range: ClosedRange<UInt8> = lead == 0xE0 ? 0xA0...0xBF : lead == 0xED ? 0x80...0x9F : 0x80...0xBF
            guard range.contains(second), isContinuation(2) else { return nil }
            return 3
        case 0xF0...0xF4:
            guard index + 3 < count else { return nil }
            let second = base[index + 1]
            let range: ClosedRange<UInt8> = lead == 0xF0 ? 0x90...0xBF : lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF
            guard range.contains(second), isContinuation(2), isContinuation(3) else { return nil }
            return 4
        default:
            return nil
        }
    }
}
