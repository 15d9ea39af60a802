import AdvisoryModel

extension HTMLSanitizer.Writer {
    /// An id as written: without white space, at most 100 characters.
    static func cleanId(_ value: String) -> String {
        String(value.filter { !$0.isWhitespace }.prefix(100))
    }

    /// `cleanId` of the UTF-8 `value`. Without a White_Space scalar (most ids, in any script)
    /// no character is white space, so the id is the value itself up to its 100th character:
    /// all of it within 100 bytes, the first 100 bytes of ASCII.
    static func cleanId(_ value: UnsafeBufferPointer<UInt8>) -> String {
        if holdsWhiteSpace(value) { return cleanId(String(decoding: value, as: UTF8.self)) }
        if value.count <= 100 || ByteWords.isAllASCII(value) {
            return String(decoding: UnsafeBufferPointer(rebasing: value.prefix(100)), as: UTF8.self)
        }
        return String(String(decoding: value, as: UTF8.self).prefix(100))
    }

    /// True when the UTF-8 `value` holds a White_Space scalar (U+0009–U+000D, U+0020, U+0085,
    /// U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F, U+3000): the characters
    /// `Character.isWhitespace` finds start with one. A lead byte is never a continuation byte,
    /// so every position can be tried.
    static func holdsWhiteSpace(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = value.count
        for index in 0..<count {
            let byte = value[index]
            if byte < 0x80 {
                if byte == 0x20 || (0x09...0x0D).contains(byte) { return true }
                continue
            }
            guard byte >= 0xC2, byte <= 0xE3, index + 1 < count else { continue }
            let second = value[index + 1]
            if byte == 0xC2 {
                if second == 0x85 || second == 0xA0 { return true }
                continue
            }
            guard index + 2 < count else { continue }
            let third = value[index + 2]
            switch (byte, second) {
            case (0xE1, 0x9A): if third == 0x80 { return true }
            case (0xE2, 0x80): if (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return true }
            case (0xE2, 0x81): if third == 0x9F { return true }
            case (0xE3, 0x80): if third == 0x80 { return true }
            default: break
            }
        }
        return false
    }

    /// The space-separated names of `value` (UTF-8) made only of letters, numbers, `-` and
    /// `_`, joined by one space; ASCII (most values) on its bytes.
    static func classNames(_ value: UnsafeBufferPointer<UInt8>) -> String {
        guard ByteWords.isAllASCII(value) else {
            return String(decoding: value, as: UTF8.self).split(whereSeparator: { $0 == " " })
                .filter { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }.joined(separator: " ")
        }
        var kept: [UInt8] = []
        for name in value.split(separator: 0x20) where name.allSatisfy(isClassByte) {
            if !kept.isEmpty { kept.append(0x20) }
            kept.append(contentsOf: name)
        }
        return String(decoding: kept, as: UTF8.self)
    }

    /// True when `value` is what `classNames` makes of it: ASCII names of class bytes, each
    /// after the first one space after the last, at least one.
    static func isClassList(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first, let last = value.last, first != 0x20, last != 0x20 else { return false }
        var previous: UInt8 = 0
        for byte in value {
            if byte == 0x20 {
                if previous == 0x20 { return false }
            } else if !isClassByte(byte) {
                return false
            }
            previous = byte
        }
        return true
    }

    private static func isClassByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// The integer of `value` (UTF-8) without the spaces around it, as `Int` reads it (an
    /// optional `+` or `-`, then ASCII digits only; nil when it overflows), without a `String`.
    static func integer(_ value: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        var end = value.count
        while start < end, value[start] == 0x20 { start += 1 }
        while end > start, value[end - 1] == 0x20 { end -= 1 }
        let negative = start < end && value[start] == UInt8(ascii: "-")
        if start < end, negative || value[start] == UInt8(ascii: "+") { start += 1 }
        guard start < end else { return nil }
        var result = 0
        for index in start..<end {
            let digit = value[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflowed) = result.multipliedReportingOverflow(by: 10)
            // Negative numbers are gathered below zero, so `Int.min` fits.
            let (next, overflowedAgain) = negative ? shifted.subtractingReportingOverflow(Int(digit)) : shifted.addingReportingOverflow(Int(digit))
            guard !overflowed, !overflowedAgain else { return nil }
            result = next
        }
        return result
    }
}
