/// What an inline container holds, to decide whether the emphasis pass needs to look at it:
/// gathered while its text and the emphasis within it are converted.
struct MarkerScan {
    /// A `*` or `_` in the text, or emphasis.
    var hasMarker = false
    /// A `*` or `_` in the text (a run cmark-gfm left).
    var hasTextMarker = false
    var hasCJK = false
    var hasDoubleStar = false
    /// A delimiter of emphasis may stand beside a CJK character or a variation selector (the
    /// text before or after it starts or ends with one); false only when none does.
    var emphasisMayTouchCJK = false

    /// Looks at the text beside the delimiters of each emphasis among `children`: the siblings
    /// before and after it, and its own first and last child.
    mutating func noteEmphasisEdges(of children: [MarkdownNode]) {
        guard !emphasisMayTouchCJK else { return }
        emphasisMayTouchCJK = children.withUnsafeBufferPointer { children in
            for index in children.indices {
                switch children[index].kind {
                case .emphasis, .strong: break
                default: continue
                }
                let before = index > 0 && Self.edgeMayBeCJK(children[index - 1], last: true)
                let after = index + 1 < children.count && Self.edgeMayBeCJK(children[index + 1], last: false)
                let inside = children[index].children.withUnsafeBufferPointer { inner in
                    !inner.isEmpty && (Self.edgeMayBeCJK(inner[0], last: false) || Self.edgeMayBeCJK(inner[inner.count - 1], last: true))
                }
                if before || after || inside { return true }
            }
            return false
        }
    }

    /// True when `node` is text whose last (or first) scalar is CJK or a variation selector.
    static func edgeMayBeCJK(_ node: MarkdownNode, last: Bool) -> Bool {
        guard case .text(let text) = node.kind, let scalar = last ? text.unicodeScalars.last : text.unicodeScalars.first else { return false }
        return CJK.isCJK(scalar) || CJK.isTextVariationSelector(scalar) || CJK.isIdeographicVariationSelector(scalar)
    }

    /// Takes in the text of a text node of the container (or of emphasis within it).
    mutating func add(_ text: String) {
        var text = text
        // Bit 0: `*`, 1: `_`, 2: `**`, 3: a lead byte of U+1000 or above; or-ed without branches.
        let flags: UInt8 = text.withUTF8 { bytes in
            var flags: UInt8 = 0
            var previousStar: UInt8 = 0
            for byte in bytes {
                let star: UInt8 = byte == UInt8(ascii: "*") ? 1 : 0
                flags |= star | (byte == UInt8(ascii: "_") ? 2 : 0) | (star & previousStar) << 2 | (byte >= 0xE1 ? 8 : 0)
                previousStar = star
            }
            return flags
        }
        if flags & 3 != 0 {
            hasMarker = true
            hasTextMarker = true
        }
        if flags & 4 != 0 { hasDoubleStar = true }
        let mayHaveCJK = flags & 8 != 0
        if !hasCJK, mayHaveCJK {
            hasCJK = text.unicodeScalars.contains { CJK.isCJK($0) || CJK.isIdeographicVariationSelector($0) }
        }
    }

    /// True when `text` holds a `*` or `_`.
    static func containsMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") } }
    }

    /// True when `text` holds `byte`.
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.contains(byte) }
    }
}
