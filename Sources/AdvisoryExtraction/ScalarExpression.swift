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
/// (`BuildStamp`, the trailer check): matched by backtracking in ICU's order (leftmost start;
/// greedy runs longest first, lazy ones shortest first; alternatives and optional parts in
/// order), with the groups ICU would capture. Runs repeat one scalar class, as in those expressions.
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

    /// The groups of the first match in `text`: element 0 the whole match, element `n` group `n`
    /// (nil when it took no part); nil when there is no match. `groupCount` and `firstSet` are the
    /// expression's, worked out once.
    func firstMatch(in text: PlainScalars, groupCount: Int, firstSet first: ScalarSet?) -> [Range<Int>?]? {
        var groups = [Range<Int>?](repeating: nil, count: groupCount + 1)
        let found = text.values.withUnsafeBufferPointer { scalars in
            groups.withUnsafeMutableBufferPointer { groups in
                for start in scalars.indices where first.map({ $0.contains(scalars[start]) }) ?? true {
                    let matched = match(scalars, at: start, groups) { end in
                        groups[0] = start..<end
                        return true
                    }
                    if matched { return true }
                }
                return false
            }
        }
        return found ? groups : nil
    }

    /// Matches at `index`, then asks `next` whether the rest matches from where this match ends,
    /// in backtracking order; true at the first yes. `groups` holds the groups set so far: a
    /// group is set before `next` is asked and put back when the answer is no.
    private func match(_ scalars: UnsafeBufferPointer<UInt32>, at index: Int, _ groups: UnsafeMutableBufferPointer<Range<Int>?>,
                       _ next: (Int) -> Bool) -> Bool {
        switch self {
        case .run(let set, let min, let max, let isLazy):
            var available = 0
            while available < max, index + available < scalars.count, set.contains(scalars[index + available]) { available += 1 }
            guard available >= min else { return false }
            if isLazy {
                for count in min...available where next(index + count) { return true }
            } else {
                for count in (min...available).reversed() where next(index + count) { return true }
            }
            return false
        case .sequence(let parts):
            return Self.match(parts, from: 0, scalars, at: index, groups, next)
        case .choice(let alternatives):
            for alternative in alternatives where alternative.match(scalars, at: index, groups, next) { return true }
            return false
        case .optional(let inner):
            return inner.match(scalars, at: index, groups, next) || next(index)
        case .group(let number, let inner):
            let before = groups[number]
            return inner.match(scalars, at: index, groups) { end in
                groups[number] = index..<end
                if next(end) { return true }
                groups[number] = before
                return false
            }
        case .end:
            let rest = scalars.count - index
            let atEnd = rest == 0 || (rest == 1 && [0x0A, 0x0C, 0x0D].contains(scalars[index]))
                || (rest == 2 && scalars[index] == 0x0D && scalars[index + 1] == 0x0A)
            return atEnd && next(index)
        }
    }

    /// Matches `parts` from part `first` on, one after another.
    private static func match(_ parts: [ScalarExpression], from first: Int, _ scalars: UnsafeBufferPointer<UInt32>, at index: Int,
                              _ groups: UnsafeMutableBufferPointer<Range<Int>?>, _ next: (Int) -> Bool) -> Bool {
        guard first < parts.count else { return next(index) }
        return parts[first].match(scalars, at: index, groups) { end in
            match(parts, from: first + 1, scalars, at: end, groups, next)
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

    func contains(_ value: UInt32) -> Bool {
        switch self {
        case .digit: value >= 0x30 && value <= 0x39
        case .nonDigit: !(value >= 0x30 && value <= 0x39)
        case .space: value == 0x09 || value == 0x0A || value == 0x0C || value == 0x0D || value == 0x20 || value == 0x3000
        case .anyOf(let scalars): scalars.contains { $0.value == value }
        case .noneOf(let scalars): !scalars.contains { $0.value == value }
        }
    }
}

/// An ICU expression and the same expression as a `ScalarExpression`: a text of
/// `PlainScalars` is matched without ICU, any other by ICU.
struct PlainFirstPattern: Sendable {
    let compiled: CompiledPattern
    let plain: ScalarExpression
    private let groupCount: Int
    private let firstSet: ScalarSet?

    /// `pattern` in ICU syntax; `plain` the same expression as ICU reads it in `PlainScalars`
    /// (`caseInsensitive` included: there an ASCII letter matches itself in either case only).
    init(_ pattern: String, caseInsensitive: Bool = false, plain: ScalarExpression) {
        compiled = CompiledPattern(pattern, caseInsensitive: caseInsensitive)
        self.plain = plain
        groupCount = plain.groupCount
        firstSet = plain.firstSet
    }

    /// True when `text` holds a match.
    func matches(_ text: String) -> Bool {
        guard let scalars = PlainScalars(text) else { return compiled.matches(text) }
        return plain.firstMatch(in: scalars, groupCount: groupCount, firstSet: firstSet) != nil
    }

    /// The range of the first match in `text`, as `CompiledPattern.firstRange(in:)` gives it.
    func firstRange(in text: String) -> Range<String.Index>? {
        guard let scalars = PlainScalars(text) else { return compiled.firstRange(in: text) }
        guard let match = plain.firstMatch(in: scalars, groupCount: groupCount, firstSet: firstSet)?[0] else { return nil }
        return scalars.index(match.lowerBound)..<scalars.index(match.upperBound)
    }

    /// The groups of the first match in `text`, as `CompiledPattern.firstMatchGroups(in:)` gives them.
    func firstMatchGroups(in text: String) -> [Substring?]? {
        guard let scalars = PlainScalars(text) else { return compiled.firstMatchGroups(in: text) }
        return plain.firstMatch(in: scalars, groupCount: groupCount, firstSet: firstSet).map { $0.map { $0.map(scalars.text) } }
    }
}
