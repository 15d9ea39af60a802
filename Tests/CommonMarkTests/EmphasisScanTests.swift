@testable import CommonMark
import Testing

/// The character classes the emphasis pass gives the text beside a delimiter run, and what the
/// converter notes of a container's text to decide whether the pass looks at it. Expected values
/// from the amendment's definitions (tats-u/markdown-cjk-friendly, `specification.md`) and the
/// Unicode general category and East Asian Width of each character.
@Suite("Emphasis scan")
struct EmphasisScanTests {
    @Test("neighbor classes", arguments: [
        ("中", NeighborClass.cjk),                         // U+4E2D ideograph (Lo, W)
        ("\u{3400}", .cjk),                               // first of Extension A
        ("\u{4DC0}", .cjk),                               // Yijing hexagram (So, W): just past Extension A
        ("가", .cjk),                                     // Hangul syllable
        ("ア", .cjk),                                     // Katakana (Lo, W)
        ("々", .cjk),                                     // U+3005 (Lm, W)
        ("，", .cjkPunctuation),                          // U+FF0C full-width comma (Po, F)
        ("「", .cjkPunctuation),                          // U+300C (Ps, W)
        ("〜", .cjkPunctuation),                          // U+301C wave dash (Pd, W)
        ("・", .cjkPunctuation),                          // U+30FB katakana middle dot (Po, W)
        ("ｱ", .cjk),                                      // U+FF71 half-width katakana (Lo, H)
        ("￥", .cjk),                                     // U+FFE5 full-width yen sign (Sc, F): not punctuation
        ("！", .cjkPunctuation),                          // U+FF01 full-width exclamation mark (Po, F)
        ("\u{3000}", .whitespace),                        // ideographic space (Zs, F): white space first
        ("\u{A0}", .whitespace),                          // no-break space (Zs)
        (" ", .whitespace), ("\t", .whitespace),
        ("—", .nonCJKPunctuation),                        // U+2014 em dash (Pd, A)
        ("“", .nonCJKPunctuation),                        // U+201C left double quotation mark (Pi, A): not CJK
        ("\u{2003}", .whitespace),                        // em space (Zs)
        ("·", .nonCJKPunctuation),                        // U+00B7 middle dot (Po, A)
        ("©", .other),                                    // U+00A9 (So, N): neither punctuation nor CJK
        ("*", .nonCJKPunctuation),
        ("a", .other), ("é", .other),
        ("😀", .other),                                   // emoji (So, W but emoji presentation)
        ("\u{E0100}", .ideographicVariationSelector),
    ])
    func neighborClass(_ character: String, _ expected: NeighborClass) {
        #expect(NeighborClass.of(character.unicodeScalars.first!) == expected)
    }

    struct ScanCase: CustomTestStringConvertible, Sendable {
        var name: String
        var texts: [String]
        var marker: Bool
        var doubleStar: Bool
        var cjk: Bool
        var testDescription: String { name }
    }

    static let scanCases: [ScanCase] = [
        ScanCase(name: "plain ASCII", texts: ["plain text"], marker: false, doubleStar: false, cjk: false),
        ScanCase(name: "one star", texts: ["a*b"], marker: true, doubleStar: false, cjk: false),
        ScanCase(name: "underscore", texts: ["a_b"], marker: true, doubleStar: false, cjk: false),
        ScanCase(name: "two stars apart", texts: ["* *"], marker: true, doubleStar: false, cjk: false),
        ScanCase(name: "double star", texts: ["x**"], marker: true, doubleStar: true, cjk: false),
        ScanCase(name: "stars of two texts are not one run", texts: ["a*", "*b"], marker: true, doubleStar: false, cjk: false),
        ScanCase(name: "Chinese", texts: ["中文"], marker: false, doubleStar: false, cjk: true),
        ScanCase(name: "Thai: three-byte, not CJK", texts: ["ก ไทย"], marker: false, doubleStar: false, cjk: false),
        ScanCase(name: "ellipsis: lead byte E2, not CJK", texts: ["…"], marker: false, doubleStar: false, cjk: false),
        ScanCase(name: "ideographic variation selector", texts: ["\u{E0100}"], marker: false, doubleStar: false, cjk: true),
        ScanCase(name: "CJK in the second text", texts: ["a**", "注意"], marker: true, doubleStar: true, cjk: true),
    ]

    @Test("marker scan of a container's text", arguments: scanCases)
    func scan(_ testCase: ScanCase) {
        var scan = MarkerScan()
        for text in testCase.texts { scan.add(text) }
        #expect(scan.hasMarker == testCase.marker)
        #expect(scan.hasTextMarker == testCase.marker)
        #expect(scan.hasDoubleStar == testCase.doubleStar)
        #expect(scan.hasCJK == testCase.cjk)
    }
}
