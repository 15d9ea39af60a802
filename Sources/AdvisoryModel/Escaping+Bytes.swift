extension Escaping {
    /// Appends `bytes` (UTF-8) to `out` as element text: what `text(_:)` gives for the same string.
    public static func appendText(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        append(bytes, attribute: false, to: &out)
    }

    /// Appends `bytes` (UTF-8) to `out` as a quoted attribute value: what `attribute(_:)` gives.
    public static func appendAttribute(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        append(bytes, attribute: true, to: &out)
    }

    /// Appends `string` to `out` as element text.
    public static func appendText(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { append($0, attribute: false, to: &out) }
    }

    /// Appends `string` to `out` as a quoted attribute value.
    public static func appendAttribute(_ string: String, to out: inout [UInt8]) {
        var string = string
        string.withUTF8 { append($0, attribute: true, to: &out) }
    }

    /// Copies runs of bytes that need no change in one piece. Bytes that are not UTF-8 make the
    /// whole value go through `String`'s repair first, so the result is always what the `String`
    /// functions give.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, to out: inout [UInt8]) {
        let start = out.count
        var index = 0
        var run = 0
        let count = bytes.count
        while index < count {
            if let word = ByteWords.word(bytes, at: index), !mayNeedChange(word, attribute: attribute) {
                index += 8
                continue
            }
            var byte = bytes[index]
            if byte >= 0x80 {
                // A run of non-ASCII characters (CJK text) in one loop: the word test fails on them.
                repeat {
                    let length = sequenceLength(bytes, at: index)
                    guard length > 0 else {
                        out.removeSubrange(start...)
                        var repaired = String(decoding: bytes, as: UTF8.self)
                        repaired.withUTF8 { append($0, attribute: attribute, to: &out) }
                        return
                    }
                    if length == 3, byte == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                        run = index + 3
                    }
                    index += length
                    guard index < count else { break }
                    byte = bytes[index]
                } while byte >= 0x80
                continue
            }
            let replacement: StaticString
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\"") where attribute: replacement = "&quot;"
            case UInt8(ascii: "'") where attribute: replacement = "&#39;"
            case 0x09, 0x0A, 0x0D:
                guard attribute else {
                    index += 1
                    continue
                }
                replacement = " "
            case 0..<0x20: replacement = ""
            default:
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += 1
            run = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count]))
    }

    /// False when every byte of `word` is printable ASCII other than `&`, `<` and `>` (and in
    /// attributes the quotes): the has-zero-byte and has-less-than tests on a word, exact when
    /// false; true may be a false alarm.
    @inline(__always)
    private static func mayNeedChange(_ word: UInt64, attribute: Bool) -> Bool {
        var found = ByteWords.hasBelow(word, 0x20) | ByteWords.hasHigh(word)
            | ByteWords.has(word, UInt8(ascii: "&")) | ByteWords.has(word, UInt8(ascii: "<")) | ByteWords.has(word, UInt8(ascii: ">"))
        if attribute { found |= ByteWords.has(word, UInt8(ascii: "\"")) | ByteWords.has(word, UInt8(ascii: "'")) }
        return found != 0
    }

    /// The length of the well-formed UTF-8 sequence starting at `index` (a byte ≥ 0x80), or 0.
    @inline(__always)
    private static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = bytes[index]
        let remaining = bytes.count - index
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            offset < remaining && bytes[index + offset] >= low && bytes[index + offset] <= high
        }
        switch lead {
        case 0xC2...0xDF: return continuation(1) ? 2 : 0
        case 0xE0: return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xED: return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xE1...0xEF: return continuation(1) && continuation(2) ? 3 : 0
        case 0xF0: return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4: return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default: return 0
        }
    }
}
