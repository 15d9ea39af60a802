/// What precedes or follows a delimiter run, in the terms of the amendment.
enum NeighborClass: Equatable {
    case whitespace
    case nonCJKPunctuation
    case cjkPunctuation
    case cjk
    case ideographicVariationSelector
    case other

    var isCJKSequence: Bool { self == .cjk || self == .cjkPunctuation }
    var isPunctuation: Bool { self == .nonCJKPunctuation || self == .cjkPunctuation }

    /// The class of a character before a run: a variation selector U+FE00–U+FE0E counts as the
    /// character it follows.
    static func before(_ scalars: String.UnicodeScalarView) -> NeighborClass {
        guard var last = scalars.last else { return .whitespace }
        if CJK.isIdeographicVariationSelector(last) { return .ideographicVariationSelector }
        if CJK.isTextVariationSelector(last) {
            let base = scalars.dropLast().last
            guard let base else { return .other }
            if last.value == 0xFE01, [0x2018, 0x2019, 0x201C, 0x201D].contains(base.value) { return .cjkPunctuation }
            last = base
        }
        return of(last)
    }

    static func after(_ scalars: String.UnicodeScalarView) -> NeighborClass {
        guard let first = scalars.first else { return .whitespace }
        return of(first)
    }

    /// What a run sees of the node beside it: its last character (`atEnd`) or its first. Markup
    /// (code spans, links, raw HTML) counts as ASCII punctuation, breaks as white space.
    static func of(_ node: MarkdownNode, atEnd: Bool) -> NeighborClass {
        withUnsafePointer(to: node) { of(Span(_unsafeStart: $0, count: 1), at: 0, atEnd: atEnd) }
    }

    /// `of(_:atEnd:)` of `nodes[index]`, read where it lies (a node passed on is copied).
    static func of(_ nodes: Span<MarkdownNode>, at index: Int, atEnd: Bool) -> NeighborClass {
        switch nodes[index].kind {
        case .text(let text): atEnd ? before(text.unicodeScalars) : after(text.unicodeScalars)
        case .softBreak, .lineBreak: .whitespace
        default: .nonCJKPunctuation
        }
    }

    static func of(_ scalar: Unicode.Scalar) -> NeighborClass {
        switch scalar.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
            // CJK Unified Ideographs (and Extension A) and Hangul syllables: letters (Lo), never
            // white space or punctuation; no need to look up their general category.
            return .cjk
        case 0..<0x80:
            if CJK.isWhitespace(scalar) { return .whitespace }
            return CJK.isPunctuation(scalar) ? .nonCJKPunctuation : .other
        case 0x80...0xFF:
            return latin1Supplement[Int(scalar.value - 0x80)]
        case 0x2000...0x206F:
            return generalPunctuation[Int(scalar.value - 0x2000)]
        case 0x3000...0x30FF:
            return cjkSymbolsAndKana[Int(scalar.value - 0x3000)]
        case 0xFF00...0xFFEF:
            return halfAndFullWidthForms[Int(scalar.value - 0xFF00)]
        default:
            return classified(scalar)
        }
    }

    /// The classes of U+0080–U+00FF (no-break space, Latin-1 punctuation), U+2000–U+206F (quotes,
    /// dashes, spaces), U+3000–U+30FF (CJK punctuation, kana) and U+FF00–U+FFEF (full-width
    /// punctuation), the non-ideographs most often beside a run in CJK text, looked up once.
    private static let latin1Supplement = (0x80...0xFF).map { classified(Unicode.Scalar(UInt32($0))!) }
    private static let generalPunctuation = (0x2000...0x206F).map { classified(Unicode.Scalar(UInt32($0))!) }
    private static let cjkSymbolsAndKana = (0x3000...0x30FF).map { classified(Unicode.Scalar(UInt32($0))!) }
    private static let halfAndFullWidthForms = (0xFF00...0xFFEF).map { classified(Unicode.Scalar(UInt32($0))!) }

    /// The class of a scalar from its general category and CJK-ness.
    private static func classified(_ scalar: Unicode.Scalar) -> NeighborClass {
        // `CJK.isWhitespace` and `CJK.isPunctuation` beyond ASCII, with one look-up.
        let category = scalar.properties.generalCategory
        if category == .spaceSeparator { return .whitespace }
        let isCJK = CJK.isCJK(scalar)
        switch category {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return isCJK ? .cjkPunctuation : .nonCJKPunctuation
        default:
            break
        }
        if isCJK { return .cjk }
        if CJK.isIdeographicVariationSelector(scalar) { return .ideographicVariationSelector }
        return .other
    }
}

/// Whether a run can open or close emphasis under the amended rules.
struct Flanking: Equatable {
    var canOpen: Bool
    var canClose: Bool

    init(marker: UInt8, before: NeighborClass, after: NeighborClass) {
        let left = after != .whitespace
            && (after != .nonCJKPunctuation
                || [.whitespace, .nonCJKPunctuation, .cjk, .cjkPunctuation, .ideographicVariationSelector].contains(before))
        let right = before != .whitespace
            && (before != .nonCJKPunctuation || [.whitespace, .nonCJKPunctuation, .cjk, .cjkPunctuation].contains(after))
        if marker == UInt8(ascii: "_") {
            canOpen = left && (!right || before.isPunctuation)
            canClose = right && (!left || after.isPunctuation)
        } else {
            canOpen = left
            canClose = right
        }
    }
}
