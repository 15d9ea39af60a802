#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        let (star, underscore, doubleStar, cjk) = text.withUTF8 { bytes -> (Bool, Bool, Bool, Bool) in
            guard let base = bytes.baseAddress else { return (false, false, false, false) }
            let count = bytes.count
            var doubleStar = false
            var offset = 0
            // `memchr` from star to star: a `**` is two in a row.
            while !doubleStar, offset < count, let found = memchr(base + offset, Int32(UInt8(ascii: "*")), count - offset) {
                let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                doubleStar = index + 1 < count && base[index + 1] == UInt8(ascii: "*")
                offset = index + 1
            }
            let star = offset > 0
            let underscore = memchr(base, Int32(UInt8(ascii: "_")), count) != nil
            // Only looked for until the container has CJK.
            let cjk = !hasCJK && CJK.contains(utf8: bytes) { CJK.isCJK($0) || CJK.isIdeographicVariationSelector($0) }
            return (star, underscore, doubleStar, cjk)
        }
        if star || underscore {
            hasMarker = true
            hasTextMarker = true
        }
        if doubleStar { hasDoubleStar = true }
        if cjk { hasCJK = true }
    }

    /// True when `text` holds a `*` or `_`.
    static func containsMarker(_ text: String) -> Bool {
        contains(UInt8(ascii: "*"), in: text) || contains(UInt8(ascii: "_"), in: text)
    }

    /// True when `text` holds `byte`.
    static func contains(_ byte: UInt8, in text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }
}
