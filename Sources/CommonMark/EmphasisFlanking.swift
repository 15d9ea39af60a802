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

    static func of(_ scalar: Unicode.Scalar) -> NeighborClass {
        if CJK.isWhitespace(scalar) { return .whitespace }
        let isCJK = CJK.isCJK(scalar)
        if CJK.isPunctuation(scalar) { return isCJK ? .cjkPunctuation : .nonCJKPunctuation }
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
