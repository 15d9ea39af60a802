import AdvisoryModel
import Foundation

/// Case-insensitive equality of a label and a text, answering exactly as Foundation's
/// `label.compare(text, options: .caseInsensitive) == .orderedSame` (full case folding and
/// canonical equivalence), but deciding the common cases on UTF-8 bytes.
///
/// The byte path covers texts made of "plain" scalars only: ASCII and the caseless CJK scalars
/// that neither fold nor decompose into anything outside themselves (kana without the combining
/// voicing marks, unified ideographs, precomposed Hangul syllables, CJK and fullwidth punctuation).
/// Between two such strings, the comparison is ASCII case folding and byte equality. A text with
/// a plain CJK scalar, whatever else it holds, cannot equal a label whose scalars all lie below
/// U+1000 (that scalar neither folds nor decomposes, so it stays in the text's folded canonical
/// form, and no scalar below U+1000 folds or decomposes into kana, Hangul jamo or ideographs,
/// nor composes with others into one), and an ASCII text cannot equal a label with
/// a scalar that has no ASCII in its case mappings (`é`, `ü`, Cyrillic). Nor can a text equal a
/// label without one of its inert scalars (`PlainClass.inert`: NBSP, curly quotes, dashes, `…`,
/// `©®™`: no case, no canonical decomposition, not combining, and in no other scalar's folding or
/// canonical decomposition, so each stays in the text's folded canonical form and must be in the
/// label's). Everything else asks Foundation.
enum LabelComparison {
    /// True when `label` and `text` are equal ignoring case, as Foundation compares them.
    static func equals(_ label: String, _ text: some StringProtocol) -> Bool {
        equals(label, PlainClass(of: label.unicodeScalars), mayFoldToASCII(label), text, textClass: PlainClass(of: text.unicodeScalars))
    }

    private static func equals(_ label: String, _ labelClass: PlainClass, _ labelMayFoldToASCII: @autoclosure () -> Bool,
                               _ text: some StringProtocol, textClass: PlainClass) -> Bool {
        if textClass.isPlain, labelClass.isPlain {
            return asciiFoldedEqual(label.utf8, text.utf8)
        }
        if textClass.hasCJK, labelClass.allBelowU1000 { return false }
        if textClass.inertScalars & ~labelClass.inertScalars != 0 { return false }
        if textClass.isPlain, !textClass.hasCJK, !labelMayFoldToASCII() { return false }
        return label.compare(text, options: .caseInsensitive) == .orderedSame
    }

    /// Labels with what `equals` needs to know of their scalars worked out once, for comparing
    /// one label set with many texts.
    struct ClassedLabels: Sendable {
        struct Label: Sendable {
            var text: String
            /// `text.count`: how many characters of a text the label is compared with.
            var characterCount: Int
            var plainClass: PlainClass
            var mayFoldToASCII: Bool

            init(_ text: String) {
                self.text = text
                characterCount = text.count
                plainClass = PlainClass(of: text.unicodeScalars)
                mayFoldToASCII = LabelComparison.mayFoldToASCII(text)
            }

            /// True when the label equals `text` (as `LabelComparison.equals`). `isPlain` says that
            /// every scalar of `text` is plain (as when it is part of a plain text): a plain label
            /// then compares bytes without classing `text`.
            func equals(_ text: some StringProtocol, isPlain: Bool = false) -> Bool {
                if isPlain, plainClass.isPlain { return LabelComparison.asciiFoldedEqual(self.text.utf8, text.utf8) }
                return LabelComparison.equals(self.text, plainClass, mayFoldToASCII, text, textClass: PlainClass(of: text.unicodeScalars))
            }
        }

        let labels: [Label]

        init(_ labels: [String]) {
            self.labels = labels.map(Label.init)
        }

        /// True when some label equals `text` (as `LabelComparison.equals`), the text's scalars classed once.
        func containsEqual(_ text: some StringProtocol) -> Bool {
            let textClass = PlainClass(of: text.unicodeScalars)
            return labels.contains { LabelComparison.equals($0.text, $0.plainClass, $0.mayFoldToASCII, text, textClass: textClass) }
        }
    }

    /// `text.lowercased()`, with the case of ASCII letters changed on bytes when every scalar is
    /// ASCII or plain (plain scalars have no case); otherwise Foundation's answer.
    static func lowercased(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A || $0 >= 0x80 }) else { return text }
        guard PlainClass(of: text.unicodeScalars).isPlain else { return text.lowercased() }
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            _ = buffer.initialize(fromContentsOf: utf8.lazy.map(\.lowercasedASCII))
            return utf8.count
        }
    }

    /// True when every scalar of `label` beyond ASCII has an ASCII scalar in its lower-, upper-
    /// or title-case mapping (KELVIN SIGN, `ſ`, `ß`, `ﬀ`): only then might it fold to ASCII.
    static func mayFoldToASCII(_ label: String) -> Bool {
        label.unicodeScalars.allSatisfy { scalar in
            guard !scalar.isASCII else { return true }
            let properties = scalar.properties
            return [properties.lowercaseMapping, properties.uppercaseMapping, properties.titlecaseMapping]
                .contains { $0.unicodeScalars.contains(where: \.isASCII) }
        }
    }

    /// Byte equality with ASCII letters compared case-insensitively.
    static func asciiFoldedEqual(_ left: String.UTF8View, _ right: some Collection<UInt8>) -> Bool {
        guard left.count == right.count else { return false }
        return zip(left, right).allSatisfy { $0.lowercasedASCII == $1.lowercasedASCII }
    }


    /// `PlainClass(of:).isPlain` of the scalars of `utf8`, read on its bytes: ASCII bytes pass,
    /// every plain scalar beyond ASCII takes three bytes (U+3000–U+FF65), and the first other
    /// scalar ends the reading.
    static func isPlain(_ utf8: Substring.UTF8View) -> Bool {
        if let plain = utf8.withContiguousStorageIfAvailable({ isPlain(bytes: $0) }) { return plain }
        return PlainClass(of: Substring(utf8).unicodeScalars).isPlain
    }

    private static func isPlain(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        UTF8Scalars.allBeyondASCII(of: bytes) { Unicode.Scalar($0).map(PlainClass.isPlain) ?? false }
    }

    /// What the byte path needs to know of a string's scalars.
    struct PlainClass: Sendable {
        /// Every scalar is plain (see `isPlain(_:)`).
        var isPlain = true
        /// Some scalar is plain and beyond ASCII.
        var hasCJK = false
        /// Every scalar is below U+1000.
        var allBelowU1000 = true
        /// Bit `n` set when `inert[n]` is one of the scalars.
        var inertScalars: UInt16 = 0

        init(of scalars: some Sequence<Unicode.Scalar>) {
            for scalar in scalars {
                if scalar.isASCII { continue }
                if scalar.value >= 0x1000 { allBelowU1000 = false }
                if Self.isPlain(scalar) {
                    hasCJK = true
                } else {
                    isPlain = false
                    if scalar.value <= 0x2122, let bit = Self.inert.firstIndex(of: scalar.value) { inertScalars |= 1 << UInt16(bit) }
                }
            }
        }

        /// Scalars beyond ASCII that neither fold nor decompose canonically (NBSP and `…`, `™` have
        /// compatibility decompositions only), combine with none, and come out of no other scalar's
        /// case folding or canonical decomposition: NBSP, `©`, `®`, en and em dash, curly quotes, `…`, `™`.
        static let inert: [UInt32] = [0x00A0, 0x00A9, 0x00AE, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2122]

        /// Caseless CJK scalars with no canonical decomposition beyond plain scalars and the
        /// voicing marks (which are not plain): punctuation, kana, ideographs, Hangul syllables.
        static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x3000...0x3029, 0x3030...0x303F: true   // CJK punctuation, not the tone marks 302A–302F
            case 0x3040...0x3098, 0x309B...0x30FF: true   // kana, not the combining voicing marks
            case 0x3400...0x4DBF, 0x4E00...0x9FFF: true   // unified ideographs (not the compatibility ones)
            case 0xAC00...0xD7A3: true                    // Hangul syllables
            case 0xFF01...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65: true   // fullwidth punctuation, not letters
            default: false
            }
        }
    }
}
