import Foundation

/// The scalar values of a text of ASCII and plain CJK scalars (`LabelComparison.PlainClass`),
/// other than fullwidth digits and the ASCII controls whose white space ICU's definitions
/// disagree on (U+000B, U+001C–U+001F). In such a text ICU's `\d` is `0`–`9`, `\s` is tab,
/// line feed, form feed, carriage return, space and U+3000, and every scalar is one UTF-16 unit
/// and a character of its own.
struct PlainScalars {
    let text: String
    let values: [UInt32]
    /// The UTF-8 offset in `text` of each scalar, and of the text's end.
    private let offsets: [Int]

    /// Nil when `text` has a scalar outside the set above (ICU must read it).
    init?(_ text: String) {
        guard let read = text.utf8.withContiguousStorageIfAvailable(Self.read) ?? Self.read(Array(text.utf8)) else { return nil }
        self.text = text
        (values, offsets) = read
    }

    /// The scalars of `bytes` (valid UTF-8) and their offsets; nil at the first one outside the set.
    private static func read(_ bytes: some RandomAccessCollection<UInt8>) -> ([UInt32], [Int])? {
        var values: [UInt32] = []
        var offsets: [Int] = []
        values.reserveCapacity(bytes.count)
        offsets.reserveCapacity(bytes.count + 1)
        var offset = 0
        var index = bytes.startIndex
        while index != bytes.endIndex {
            let lead = bytes[index]
            let value: UInt32
            if lead < 0x80 {
                guard lead != 0x0B, !(0x1C...0x1F).contains(lead) else { return nil }
                value = UInt32(lead)
                index = bytes.index(after: index)
                offsets.append(offset)
                offset += 1
            } else {
                // Every plain scalar beyond ASCII is in U+3000–U+FF65: three bytes.
                guard lead & 0xF0 == 0xE0, bytes.distance(from: index, to: bytes.endIndex) >= 3 else { return nil }
                let second = bytes[bytes.index(index, offsetBy: 1)], third = bytes[bytes.index(index, offsetBy: 2)]
                value = UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
                guard let scalar = Unicode.Scalar(value), LabelComparison.PlainClass.isPlain(scalar), !(0xFF10...0xFF19).contains(value) else { return nil }
                index = bytes.index(index, offsetBy: 3)
                offsets.append(offset)
                offset += 3
            }
            values.append(value)
        }
        offsets.append(offset)
        return (values, offsets)
    }

    /// The part of `text` that the scalars at `range` make.
    func text(_ range: Range<Int>) -> Substring {
        text[index(range.lowerBound)..<index(range.upperBound)]
    }

    /// The index in `text` of scalar `offset` (or of its end).
    func index(_ offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: offsets[offset])
    }
}

/// A regular expression over `PlainScalars`, for the few ICU expressions run once per document
/// (`BuildStamp`, the trailer check): matched (`FlatScalarExpression`) by backtracking in ICU's
/// order (leftmost start; greedy runs longest first, lazy ones shortest first; alternatives and
/// optional parts in order), with the groups ICU would capture. Runs repeat one scalar class, as
/// in those expressions.
indirect enum ScalarExpression: Sendable {
    /// `min` to `max` scalars of `set` (`\d{1,2}`, `\s*`, `\D{0,6}?`).
    case run(ScalarSet, min: Int, max: Int, lazy: Bool)
    case sequence([ScalarExpression])
    /// The first alternative that lets the rest match (`(?:a|b)`).
    case choice([ScalarExpression])
    /// `(?:x)?`, greedy.
    case optional(ScalarExpression)
    /// Capture group `index` (1-based, as ICU numbers them).
    case group(Int, ScalarExpression)
    /// ICU's `$` (not multiline): the end of the text, or before a line terminator that ends it
    /// (`\n`, form feed, `\r`, `\r\n` in `PlainScalars`).
    case end

    /// One scalar of `set`.
    static func one(_ set: ScalarSet) -> ScalarExpression { .run(set, min: 1, max: 1, lazy: false) }

    /// The scalars of `text` in a row, each matching only itself (`/library/`).
    static func literal(_ text: String) -> ScalarExpression { .sequence(text.unicodeScalars.map { .one(.anyOf([$0])) }) }

    /// `count` scalars of `set` (`\d{4}`).
    static func exactly(_ count: Int, _ set: ScalarSet) -> ScalarExpression { .run(set, min: count, max: count, lazy: false) }

    /// Any number of scalars of `set`, greedy (`\s*`).
    static func any(_ set: ScalarSet) -> ScalarExpression { .run(set, min: 0, max: .max, lazy: false) }

    /// The highest group index.
    var groupCount: Int {
        switch self {
        case .run, .end: 0
        case .sequence(let parts), .choice(let parts): parts.map(\.groupCount).max() ?? 0
        case .optional(let inner): inner.groupCount
        case .group(let index, let inner): max(index, inner.groupCount)
        }
    }

    /// The class every match starts with, when there is one.
    var firstSet: ScalarSet? {
        switch self {
        case .run(let set, let min, _, _): min > 0 ? set : nil
        case .sequence(let parts): parts.first?.firstSet
        case .choice(let parts):
            parts.first.flatMap { first in first.firstSet.flatMap { set in parts.allSatisfy { $0.firstSet == set } ? set : nil } }
        case .optional, .end: nil
        case .group(_, let inner): inner.firstSet
        }
    }
}

/// A scalar class of `ScalarExpression`, as ICU reads it in `PlainScalars`.
enum ScalarSet: Sendable, Equatable {
    /// `\d`.
    case digit
    /// `\D`.
    case nonDigit
    /// `\s`.
    case space
    /// Any of these scalars (`[-/]`, `[年년]`, `Z`).
    case anyOf([Unicode.Scalar])
    /// Any scalar but these (`[^/(]`).
    case noneOf([Unicode.Scalar])
}

/// An ICU expression and the same expression as a `ScalarExpression`: a text of
/// `PlainScalars` is matched without ICU, any other by ICU.
struct PlainFirstPattern: Sendable {
    let compiled: CompiledPattern
    private let plain: FlatScalarExpression

    /// `pattern` in ICU syntax; `plain` the same expression as ICU reads it in `PlainScalars`
    /// (`caseInsensitive` included: there an ASCII letter matches itself in either case only).
    init(_ pattern: String, caseInsensitive: Bool = false, plain: ScalarExpression) {
        compiled = CompiledPattern(pattern, caseInsensitive: caseInsensitive)
        self.plain = FlatScalarExpression(plain)
    }

    /// True when `text` holds a match.
    func matches(_ text: String) -> Bool {
        guard let scalars = PlainScalars(text) else { return compiled.matches(text) }
        return plain.firstMatch(in: scalars) != nil
    }

    /// The range of the first match in `text`, as `CompiledPattern.firstRange(in:)` gives it.
    func firstRange(in text: String) -> Range<String.Index>? {
        guard let scalars = PlainScalars(text) else { return compiled.firstRange(in: text) }
        guard let match = plain.firstMatch(in: scalars)?[0] else { return nil }
        return scalars.index(match.lowerBound)..<scalars.index(match.upperBound)
    }

    /// The groups of the first match in `text`, as `CompiledPattern.firstMatchGroups(in:)` gives them.
    func firstMatchGroups(in text: String) -> [Substring?]? {
        guard let scalars = PlainScalars(text) else { return compiled.firstMatchGroups(in: text) }
        return plain.firstMatch(in: scalars).map { $0.map { $0.map(scalars.text) } }
    }
}
