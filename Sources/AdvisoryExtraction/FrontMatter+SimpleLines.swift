extension FrontMatterReader {
    /// The fields of front matter written as the corpus writes it, read without a YAML parser:
    /// one `key: value` per line, the key ASCII (`ms:assetid`), the value a single-quoted
    /// string on one line (`'MS12-054'`, `''` for a quote) or a plain one that cannot mean
    /// anything but its text (`61238396`). The answer is what `yamlFields` gives for such
    /// lines; nil for anything else (blank lines, comments, indentation, tabs, double quotes,
    /// `: ` or ` #` in a plain value, control characters, a key twice), which Yams then reads.
    static func simpleFields(_ lines: ArraySlice<Substring>, firstLine: Int) -> [(key: String, value: String, line: Int)]? {
        guard !lines.isEmpty else { return nil }
        var fields: [(key: String, value: String, line: Int)] = []
        var keys = Set<String>()
        for (offset, line) in lines.enumerated() {
            guard let (key, value) = simpleField(Array(line.utf8)), keys.insert(key).inserted else { return nil }
            fields.append((key, value, firstLine + offset))
        }
        return fields
    }

    private static func simpleField(_ bytes: [UInt8]) -> (key: String, value: String)? {
        guard let first = bytes.first, first.isASCIILetter, !holdsOutsideSimpleText(bytes) else { return nil }
        var index = 0
        while index < bytes.count, bytes[index] != 0x20 {
            let byte = bytes[index]
            guard byte.isASCIILetter || byte.isASCIIDigit || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":") else { return nil }
            index += 1
        }
        guard index >= 2, index < bytes.count, bytes[index - 1] == UInt8(ascii: ":") else { return nil }
        let key = bytes[..<(index - 1)]
        guard key.last != UInt8(ascii: ":") else { return nil }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        let value = bytes[index...]
        guard let start = value.first, let end = value.last else { return nil }
        if start == UInt8(ascii: "'") {
            guard value.count >= 2, end == UInt8(ascii: "'"), let text = singleQuoted(value.dropFirst().dropLast()) else { return nil }
            return (String(decoding: key, as: UTF8.self), text)
        }
        guard start.isASCIILetter || start.isASCIIDigit || start >= 0x80, end != UInt8(ascii: ":"), end != 0x20 else { return nil }
        for position in value.indices.dropLast() {
            let pair = (value[position], value[position + 1])
            if pair == (UInt8(ascii: ":"), 0x20) || pair == (0x20, UInt8(ascii: "#")) { return nil }
        }
        return (String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// The text inside single quotes, `''` read as `'`; nil for a lone quote (it would end the string).
    private static func singleQuoted(_ inner: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var index = inner.startIndex
        while index < inner.endIndex {
            if inner[index] == UInt8(ascii: "'") {
                guard index + 1 < inner.endIndex, inner[index + 1] == UInt8(ascii: "'") else { return nil }
                index += 1
            }
            out.append(inner[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `bytes` (valid UTF-8) hold a control character, tab, DEL, a C1 control (NEL
    /// breaks a YAML 1.1 line), the line or paragraph separator, the byte-order mark or the
    /// non-characters U+FFFE and U+FFFF: what the simple reading leaves to Yams.
    private static func holdsOutsideSimpleText(_ bytes: [UInt8]) -> Bool {
        for index in bytes.indices {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F { return true }
            guard index + 1 < bytes.count else { continue }
            let next = bytes[index + 1]
            if byte == 0xC2, next < 0xA0 { return true }
            guard index + 2 < bytes.count else { continue }
            let third = bytes[index + 2]
            if byte == 0xE2, next == 0x80, third == 0xA8 || third == 0xA9 { return true }
            if byte == 0xEF, (next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE) { return true }
        }
        return false
    }


}
