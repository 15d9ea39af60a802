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
        appendWellFormed(string, attribute: false, to: &out)
    }

    /// Appends `string` to `out` as a quoted attribute value.
    public static func appendAttribute(_ string: String, to out: inout [UInt8]) {
        appendWellFormed(string, attribute: true, to: &out)
    }

    /// The bytes of `string` read where they lie (a native string's, small or not); a copy made
    /// contiguous (`withUTF8`) only for a string whose bytes are not (bridged).
    @inline(__always)
    private static func appendWellFormed(_ string: String, attribute: Bool, to out: inout [UInt8]) {
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendWellFormed($0, attribute: attribute, to: &out) }
        if done == nil {
            var string = string
            string.withUTF8 { appendWellFormed($0, attribute: attribute, to: &out) }
        }
    }

    /// `append(_:attribute:to:)` for the bytes of a `String`, which are well-formed UTF-8: nothing
    /// to repair, and of the non-ASCII characters only U+FFFE and U+FFFF (`EF BF BE`, `EF BF BF`)
    /// change (they are dropped). Their middle byte `BF` stops the word test, so a word of CJK
    /// text without it is copied whole; `BF` elsewhere (a continuation byte) is let through.
    static func appendWellFormed(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, to out: inout [UInt8]) {
        _ = escape(bytes, attribute: attribute, wellFormed: true, to: &out)
    }

    /// Copies runs of bytes that need no change in one piece. Bytes that are not UTF-8 make the
    /// whole value go through `String`'s repair first, so the result is always what the `String`
    /// functions give.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, to out: inout [UInt8]) {
        if !escape(bytes, attribute: attribute, wellFormed: false, to: &out) {
            var repaired = String(decoding: bytes, as: UTF8.self)
            repaired.withUTF8 { appendWellFormed($0, attribute: attribute, to: &out) }
        }
    }

    /// The loop of both (inlined into each, so that each has its own): `wellFormed` when `bytes`
    /// are known to be well-formed UTF-8. False, with nothing appended, when they are not UTF-8.
    @inline(__always)
    private static func escape(_ bytes: UnsafeBufferPointer<UInt8>, attribute: Bool, wellFormed: Bool, to out: inout [UInt8]) -> Bool {
        let start = out.count
        var index = 0
        var run = 0
        let count = bytes.count
        while index < count {
            if let word = ByteWords.word(bytes, at: index) {
                let flagged = wellFormed ? mayNeedChangeInWellFormed(word, attribute: attribute) : mayNeedChange(word, attribute: attribute)
                guard flagged != 0 else {
                    index += 8
                    continue
                }
                // The bytes before the first flagged one need no change: on to it.
                index += ByteWords.firstFlagged(flagged)
            }
            var byte = bytes[index]
            if wellFormed, byte == 0xBF {
                // `EF` is only ever a lead byte, so `EF BF` starts a character; run ≤ index − 1,
                // as nothing but an ASCII byte is replaced.
                if index > 0, bytes[index - 1] == 0xEF, index + 1 < count, bytes[index + 1] >= 0xBE {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<(index - 1)]))
                    index += 2
                    run = index
                } else {
                    index += 1
                }
                continue
            }
            if !wellFormed, byte >= 0x80 {
                // A run of non-ASCII characters (CJK text) in one loop: the word test fails on them.
                repeat {
                    // Most CJK characters: a lead byte whose continuations may be any of 80–BF
                    // (E1–EC, EE, EF; not E0 or ED), then two of them, without the full check.
                    let length = byte >= 0xE1 && byte <= 0xEF && byte != 0xED && index + 2 < count
                        && bytes[index + 1] & 0xC0 == 0x80 && bytes[index + 2] & 0xC0 == 0x80 ? 3 : sequenceLength(bytes, at: index)
                    guard length > 0 else {
                        out.removeSubrange(start...)
                        return false
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
            guard let replacement = replacement(ofASCII: byte, attribute: attribute) else {
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            index += 1
            run = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<count]))
        return true
    }

    /// Zero when every byte of `word` is printable ASCII other than `&`, `<` and `>` (and in
    /// attributes the quotes): the has-zero-byte and has-less-than tests on a word, exact when
    /// zero; else the bytes flagged (`ByteWords.firstFlagged`), some of them maybe false alarms.
    @inline(__always)
    private static func mayNeedChange(_ word: UInt64, attribute: Bool) -> UInt64 {
        ByteWords.hasHigh(word) | asciiMayNeedChange(word, attribute: attribute)
    }

    /// `mayNeedChange` for well-formed UTF-8: non-ASCII bytes other than `BF` pass (exact when zero).
    @inline(__always)
    private static func mayNeedChangeInWellFormed(_ word: UInt64, attribute: Bool) -> UInt64 {
        ByteWords.has(word, 0xBF) | asciiMayNeedChange(word, attribute: attribute)
    }

    /// Nonzero when a byte of `word` is one `replacement(ofASCII:attribute:)` may change. Two
    /// bytes that differ in one bit are tested at once, that bit set in every byte of the word:
    /// `<` (3C) and `>` (3E) as 3E, in attributes `&` (26) and `'` (27) as 27 (no other byte
    /// becomes 3E or 27 so).
    @inline(__always)
    private static func asciiMayNeedChange(_ word: UInt64, attribute: Bool) -> UInt64 {
        let found = ByteWords.hasBelow(word, 0x20) | ByteWords.has(word | 0x0202_0202_0202_0202, UInt8(ascii: ">"))
        if attribute {
            return found | ByteWords.has(word | 0x0101_0101_0101_0101, UInt8(ascii: "'")) | ByteWords.has(word, UInt8(ascii: "\""))
        }
        return found | ByteWords.has(word, UInt8(ascii: "&"))
    }

    /// What an ASCII byte becomes (`""`: dropped), or nil when it stays; nil for every byte ≥ 0x80.
    @inline(__always)
    private static func replacement(ofASCII byte: UInt8, attribute: Bool) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\"") where attribute: "&quot;"
        case UInt8(ascii: "'") where attribute: "&#39;"
        case 0x09, 0x0A, 0x0D: attribute ? " " : nil
        case 0..<0x20: ""
        default: nil
        }
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
