import Foundation

/// A regular expression compiled once, for the per-document checks that used
/// `String.range(of:options: .regularExpression)` (which looks the pattern up in Foundation's
/// cache, or compiles it, on every call). Same ICU engine, same matches.
struct CompiledPattern: @unchecked Sendable {
    private let expression: NSRegularExpression?

    /// `pattern` in ICU syntax; `caseInsensitive` as `String.range(of:options: [.regularExpression, .caseInsensitive])`.
    init(_ pattern: String, caseInsensitive: Bool = false) {
        expression = try? NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    /// The range of the first match in `text`, as `text.range(of: pattern, options: .regularExpression)` gives it.
    func firstRange(in text: String) -> Range<String.Index>? {
        guard let expression else { return nil }
        let found = expression.rangeOfFirstMatch(in: text, range: NSRange(text.startIndex..., in: text))
        guard found.location != NSNotFound else { return nil }
        return Range(found, in: text)
    }

    /// True when `text` holds a match.
    func matches(_ text: String) -> Bool {
        firstRange(in: text) != nil
    }

    /// The groups of the first match in `text`: element 0 the whole match, element `n` group `n`
    /// (nil when it took no part); nil when there is no match.
    func firstMatchGroups(in text: String) -> [Substring?]? {
        guard let expression, let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (0..<match.numberOfRanges).map { index in Range(match.range(at: index), in: text).map { text[$0] } }
    }
}
