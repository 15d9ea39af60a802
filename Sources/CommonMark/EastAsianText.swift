import AdvisoryModel

/// Character classes for text written without spaces between words (Chinese, Japanese) and for
/// Korean, as the CJK-friendly emphasis amendment and CSS Text 3 define them.
public enum CJK {
    /// True for a *CJK character* of the CJK-friendly emphasis amendment (tats-u/markdown-cjk-friendly,
    /// `ranges.md`, Unicode 16): East Asian Width W, F or H without default emoji presentation, or Hangul.
    public static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        guard value >= 0x1100 else { return false }
        if commonRange.contains(value) { return true }
        var low = 0
        var high = cjkRanges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let range = cjkRanges[middle]
            if value < range.lowerBound {
                high = middle - 1
            } else if value > range.upperBound {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// True when the UTF-8 `bytes` hold a CJK character (`isCJK(_:)`); only the scalars that
    /// start with a lead byte 0xE1 or above (U+1000 and up) are decoded.
    public static func containsCJK(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(utf8: bytes) { isCJK($0) }
    }

    /// True when a scalar of the UTF-8 `bytes` from U+1000 up satisfies `predicate`; only the
    /// scalars that start with a lead byte 0xE1 or above are decoded.
    @inline(__always)
    static func contains(utf8 bytes: UnsafeBufferPointer<UInt8>, where predicate: (Unicode.Scalar) -> Bool) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight ASCII bytes (none starts a scalar from U+1000) are passed over at once.
            if let word = ByteWords.word(bytes, at: index), ByteWords.hasHigh(word) == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            guard lead >= 0xE1 else {
                index += 1
                continue
            }
            var value: UInt32
            if lead < 0xF0 {
                guard index + 2 < count else { return false }
                value = UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else {
                guard index + 3 < count else { return false }
                value = UInt32(lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                value |= UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                index += 4
            }
            if let scalar = Unicode.Scalar(value), predicate(scalar) { return true }
        }
        return false
    }

    /// True for Hangul letters (Jamo, compatibility Jamo, syllables, half-width forms).
    public static func isHangul(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x11FF, 0x3131...0x318E, 0xA960...0xA97C, 0xAC00...0xD7A3, 0xD7B0...0xD7FB, 0xFFA0...0xFFDC:
            true
        default:
            false
        }
    }

    /// True when a segment break (a soft line break) next to `scalar` on both sides is removed
    /// by CSS Text 3: East Asian Width F, W or H, and not Hangul (Korean separates words with spaces).
    public static func joinsLinesWithoutSpace(_ scalar: Unicode.Scalar) -> Bool {
        isCJK(scalar) && !isHangul(scalar)
    }

    /// True when the first scalar of `character` is a CJK character (Hangul included).
    public static func isWide(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return isCJK(scalar)
    }

    /// True for a CJK character (Hangul included); the same as `isCJK(_:)`.
    public static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        isCJK(scalar)
    }

    /// A variation selector U+FE00–U+FE0E (not the emoji selector U+FE0F).
    static func isTextVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xFE00...0xFE0E).contains(scalar.value)
    }

    /// An ideographic variation selector U+E0100–U+E01EF.
    static func isIdeographicVariationSelector(_ scalar: Unicode.Scalar) -> Bool {
        (0xE0100...0xE01EF).contains(scalar.value)
    }

    /// cmark-gfm's punctuation: ASCII punctuation and the Unicode P categories.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value) || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// cmark-gfm's white space: the Zs category, tab, line feed, form feed and carriage return.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: return true
        case 0..<0x80: return false
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    /// The range of `cjkRanges` that holds the CJK ideographs (U+3250–U+A48C: ideographs, Yi,
    /// enclosed and compatibility CJK), looked at before the search.
    private static var commonRange: ClosedRange<UInt32> { 0x3250...0xA48C }

    private static let cjkRanges: [ClosedRange<UInt32>] = [
        0x1100...0x11FF, 0x20A9...0x20A9, 0x2329...0x232A, 0x2630...0x2637, 0x268A...0x268F,
        0x2E80...0x2E99, 0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x2FF0...0x303E, 0x3041...0x3096,
        0x3099...0x30FF, 0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E5, 0x31EF...0x321E,
        0x3220...0x3247, commonRange, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3,
        0xD7B0...0xD7C6, 0xD7CB...0xD7FB, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE52,
        0xFE54...0xFE66, 0xFE68...0xFE6B, 0xFF01...0xFFBE, 0xFFC2...0xFFC7, 0xFFCA...0xFFCF,
        0xFFD2...0xFFD7, 0xFFDA...0xFFDC, 0xFFE0...0xFFE6, 0xFFE8...0xFFEE, 0x16FE0...0x16FE4,
        0x16FF0...0x16FF6, 0x17000...0x18CD5, 0x18CFF...0x18D1E, 0x18D80...0x18DF2, 0x1AFF0...0x1AFF3,
        0x1AFF5...0x1AFFB, 0x1AFFD...0x1AFFE, 0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152,
        0x1B155...0x1B155, 0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1D300...0x1D356, 0x1D360...0x1D376,
        0x1F200...0x1F200, 0x1F202...0x1F202, 0x1F210...0x1F219, 0x1F21B...0x1F22E, 0x1F230...0x1F231,
        0x1F237...0x1F237, 0x1F23B...0x1F23B, 0x1F240...0x1F248, 0x1F260...0x1F265, 0x20000...0x3FFFD,
    ]
}

/// CSS Text 3's segment-break rule for East Asian text, as Hugo's `eastAsianLineBreaks` applies it.
public enum SoftBreak {
    /// True when a soft line break between `previous` and `next` renders as nothing: the
    /// characters on both sides are East Asian Width F, W or H, and neither is Hangul.
    public static func joinsWithoutSpace(_ previous: MarkdownNode, _ next: MarkdownNode) -> Bool {
        withUnsafePointer(to: previous) { previous in
            withUnsafePointer(to: next) { next in
                joinsWithoutSpace(Span(_unsafeStart: previous, count: 1), 0, Span(_unsafeStart: next, count: 1), 0)
            }
        }
    }

    /// `joinsWithoutSpace(siblings[index - 1], siblings[index + 1])` for the soft break at
    /// `index`, reading the nodes where they lie (a node passed by value is copied); false at
    /// either end.
    static func joinsWithoutSpace(around index: Int, in siblings: Span<MarkdownNode>) -> Bool {
        guard index > 0, index + 1 < siblings.count else { return false }
        return joinsWithoutSpace(siblings, index - 1, siblings, index + 1)
    }

    private static func joinsWithoutSpace(_ before: Span<MarkdownNode>, _ previous: Int, _ after: Span<MarkdownNode>, _ next: Int) -> Bool {
        guard let before = edgeScalar(of: before, at: previous, last: true), let after = edgeScalar(of: after, at: next, last: false) else { return false }
        return CJK.joinsLinesWithoutSpace(before) && CJK.joinsLinesWithoutSpace(after)
    }

    /// The last (or first) character a reader sees in the inline node `nodes[index]`.
    static func edgeScalar(of nodes: Span<MarkdownNode>, at index: Int, last: Bool) -> Unicode.Scalar? {
        switch nodes[index].kind {
        case .text(let text), .code(let text):
            return last ? text.unicodeScalars.last : text.unicodeScalars.first
        case .emphasis, .strong, .strikethrough, .link:
            let children = nodes[index].children.span
            guard !children.isEmpty else { return nil }
            return edgeScalar(of: children, at: last ? children.count - 1 : 0, last: last)
        default:
            return nil
        }
    }
}
