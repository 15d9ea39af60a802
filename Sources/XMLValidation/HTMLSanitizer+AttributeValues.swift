extension HTMLSanitizer.Writer {
    /// An id as written: without white space, at most 100 characters.
    static func cleanId(_ value: String) -> String {
        String(value.filter { !$0.isWhitespace }.prefix(100))
    }

    /// `cleanId` of the UTF-8 `value`; ASCII without white space (most ids) without a
    /// character walk, since each of its bytes is a character.
    static func cleanId(_ value: UnsafeBufferPointer<UInt8>) -> String {
        for byte in value where byte >= 0x80 || byte == 0x20 || (0x09...0x0D).contains(byte) {
            return cleanId(String(decoding: value, as: UTF8.self))
        }
        return String(decoding: UnsafeBufferPointer(rebasing: value.prefix(100)), as: UTF8.self)
    }

    /// The space-separated names of `value` (UTF-8) made only of letters, numbers, `-` and
    /// `_`, joined by one space; ASCII (most values) on its bytes.
    static func classNames(_ value: UnsafeBufferPointer<UInt8>) -> String {
        guard value.allSatisfy({ $0 < 0x80 }) else {
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

    private static func isClassByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// The integer of `value` (UTF-8) without the spaces around it, as `Int` reads it.
    static func integer(_ value: UnsafeBufferPointer<UInt8>) -> Int? {
        var start = 0
        var end = value.count
        while start < end, value[start] == 0x20 { start += 1 }
        while end > start, value[end - 1] == 0x20 { end -= 1 }
        return Int(String(decoding: UnsafeBufferPointer(rebasing: value[start..<end]), as: UTF8.self))
    }
}
