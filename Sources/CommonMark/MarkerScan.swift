import AdvisoryModel

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
    /// text before or after it starts or ends with one); false only when none does. Not worked
    /// out once the text has a marker (`hasTextMarker`): the emphasis pass looks at such a
    /// container whatever this says.
    var emphasisMayTouchCJK = false

    /// Looks at the text beside the delimiters of each emphasis among `children`: the siblings
    /// before and after it, and its own first and last child. Emphasis among the children has
    /// set `hasMarker` (they were converted into this scan), so without it there is none to see.
    mutating func noteEmphasisEdges(of children: [MarkdownNode]) {
        guard hasMarker, !hasTextMarker, !emphasisMayTouchCJK else { return }
        emphasisMayTouchCJK = Self.emphasisMayTouchCJK(among: children.span)
    }

    private static func emphasisMayTouchCJK(among children: Span<MarkdownNode>) -> Bool {
        for index in children.indices {
            switch children[index].kind {
            case .emphasis, .strong: break
            default: continue
            }
            // Conditions, not `&&`: an autoclosure holding a span upsets the 6.3 optimiser.
            if index > 0, edgeMayBeCJK(children, at: index - 1, last: true) { return true }
            if index + 1 < children.count, edgeMayBeCJK(children, at: index + 1, last: false) { return true }
            let inner = children[index].children.span
            if !inner.isEmpty {
                if edgeMayBeCJK(inner, at: 0, last: false) { return true }
                if edgeMayBeCJK(inner, at: inner.count - 1, last: true) { return true }
            }
        }
        return false
    }

    /// True when `nodes[index]` is text whose last (or first) scalar is CJK or a variation selector.
    static func edgeMayBeCJK(_ nodes: Span<MarkdownNode>, at index: Int, last: Bool) -> Bool {
        guard case .text(let text) = nodes[index].kind, let scalar = last ? text.unicodeScalars.last : text.unicodeScalars.first else { return false }
        return CJK.isCJK(scalar) || CJK.isTextVariationSelector(scalar) || CJK.isIdeographicVariationSelector(scalar)
    }

    /// Takes in the text of a text node of the container (or of emphasis within it).
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(utf8: $0) }
    }

    /// Takes in the UTF-8 `bytes` of a text node's text.
    mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        var offset = 0
        var doubleStar = false
        // `memchr` from star to star: a `**` is two in a row.
        while !doubleStar, let index = ByteSearch.firstIndex(of: UInt8(ascii: "*"), in: bytes, from: offset) {
            doubleStar = index + 1 < count && bytes[index + 1] == UInt8(ascii: "*")
            offset = index + 1
        }
        if doubleStar { hasDoubleStar = true }
        if offset > 0 || ByteSearch.firstIndex(of: UInt8(ascii: "_"), in: bytes) != nil {
            hasMarker = true
            hasTextMarker = true
        }
        // Only looked for until the container has CJK.
        if !hasCJK, CJK.contains(utf8: bytes, where: { CJK.isCJK($0) || CJK.isIdeographicVariationSelector($0) }) {
            hasCJK = true
        }
    }

    /// True when `text` holds a `*` or `_`.
    static func containsMarker(_ text: String) -> Bool {
        contains(UInt8(ascii: "*"), in: text) || contains(UInt8(ascii: "_"), in: text)
    }

    /// True when `text` holds `byte`.
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.firstIndex(of: byte, in: $0) != nil }
    }
}
