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
        for (index, child) in children.enumerated() {
            switch child.kind {
            case .emphasis, .strong: break
            default: continue
            }
            let before = index > 0 && Self.edgeMayBeCJK(children[index - 1], last: true)
            let after = index + 1 < children.count && Self.edgeMayBeCJK(children[index + 1], last: false)
            let inside = child.children.first.map { Self.edgeMayBeCJK($0, last: false) } == true
                || child.children.last.map { Self.edgeMayBeCJK($0, last: true) } == true
            if before || after || inside {
                emphasisMayTouchCJK = true
                return
            }
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
        var mayHaveCJK = false
        text.withUTF8 { bytes in
            var previous: UInt8 = 0
            for byte in bytes {
                if byte == UInt8(ascii: "*") || byte == UInt8(ascii: "_") {
                    hasMarker = true
                    hasTextMarker = true
                    if byte == UInt8(ascii: "*"), previous == byte { hasDoubleStar = true }
                }
                if byte >= 0xE1 { mayHaveCJK = true }
                previous = byte
            }
        }
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
