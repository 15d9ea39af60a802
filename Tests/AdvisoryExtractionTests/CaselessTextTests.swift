@testable import AdvisoryExtraction
import Foundation
import Testing

/// The byte paths that replace Foundation's case-insensitive comparison and `lowercased()` on
/// labels, severity words and table cells: same answers, Unicode cases left to Foundation.
@Suite("Caseless text on bytes")
struct CaselessTextTests {
    struct LabelCase: CustomTestStringConvertible, Sendable {
        var name: String
        var label: String
        var text: String
        var equal: Bool
        var testDescription: String { name }
    }

    static let labelCases: [LabelCase] = [
        LabelCase(name: "Chinese label, same text", label: "修订", text: "修订", equal: true),
        LabelCase(name: "Chinese label, longer text", label: "修订", text: "修订版本", equal: false),
        LabelCase(name: "English label in capitals", label: "Revisions", text: "REVISIONS", equal: true),
        LabelCase(name: "English label in another word", label: "Revisions", text: "Revision", equal: false),
        LabelCase(name: "Korean label with its space", label: "개정 내역", text: "개정 내역", equal: true),
        LabelCase(name: "Japanese katakana", label: "バージョン", text: "バージョン", equal: true),
        LabelCase(name: "precomposed ガ against カ and the combining voicing mark", label: "ガ", text: "カ\u{3099}", equal: true),
        LabelCase(name: "Hangul syllable against its jamo", label: "개", text: "\u{1100}\u{1162}", equal: true),
        LabelCase(name: "compatibility ideograph against its unified ideograph", label: "\u{F900}", text: "\u{8C48}", equal: true),
        LabelCase(name: "French accent in capitals", label: "Révisions", text: "RÉVISIONS", equal: true),
        LabelCase(name: "French accent decomposed", label: "Révisions", text: "Re\u{301}visions", equal: true),
        LabelCase(name: "accented label against plain ASCII", label: "Révisions", text: "Revisions", equal: false),
        LabelCase(name: "Cyrillic in capitals", label: "Версии", text: "ВЕРСИИ", equal: true),
        LabelCase(name: "Cyrillic label against a Chinese text", label: "Версии", text: "修订", equal: false),
        LabelCase(name: "Chinese text with a curly quote against a Latin label", label: "Revisions", text: "“修订”", equal: false),
        LabelCase(name: "Chinese text with an accented letter against the accented label", label: "Révisions", text: "Révisions修订", equal: false),
        LabelCase(name: "Chinese label against a Chinese text with a curly quote", label: "修订", text: "“修订”", equal: false),
        LabelCase(name: "Japanese label against its text with the combining voicing mark", label: "改訂ガ", text: "改訂カ\u{3099}", equal: true),
        LabelCase(name: "German sharp s folds to ss", label: "Straße", text: "STRASSE", equal: true),
        LabelCase(name: "KELVIN SIGN folds to k", label: "\u{212A}b", text: "kb", equal: true),
        LabelCase(name: "fullwidth letters are not ASCII letters", label: "Ｖ", text: "V", equal: false),
        LabelCase(name: "empty label, empty text", label: "", text: "", equal: true),
        LabelCase(name: "a Chinese step with curly quotes against a Chinese label", label: "修订", text: "单击“提交”。", equal: false),
        LabelCase(name: "a curly apostrophe is not an ASCII one", label: "It's", text: "It’s", equal: false),
        LabelCase(name: "a curly quote alone against an empty label", label: "", text: "‘", equal: false),
        LabelCase(name: "curly quotes in both, a label not plain", label: "“Révisions”", text: "“RÉVISIONS”", equal: true),
        LabelCase(name: "a no-break space against a Cyrillic label", label: "Версии", text: "Windows Server\u{A0}2008", equal: false),
        LabelCase(name: "a no-break space is not a space", label: "Historie verzí", text: "Historie\u{A0}verzí", equal: false),
        LabelCase(name: "a no-break space in both", label: "Révisions\u{A0}:", text: "RÉVISIONS\u{A0}:", equal: true),
        LabelCase(name: "an ellipsis is not three dots", label: "Révisions...", text: "Révisions…", equal: false),
        LabelCase(name: "a trade mark sign is not TM", label: "Windows TM", text: "Windows ™", equal: false),
    ]

    @Test("labels compare as Foundation compares them, ignoring case", arguments: labelCases)
    func label(_ c: LabelCase) {
        #expect(LabelComparison.equals(c.label, c.text) == c.equal)
        #expect(LabelComparison.ClassedLabels(["Ｖ", c.label, "修订版本号"]).containsEqual(c.text) == c.equal, "among other labels")
        #expect((c.label.compare(c.text, options: .caseInsensitive) == .orderedSame) == c.equal, "the table disagrees with Foundation")
    }

    /// Texts with a plain CJK scalar and others that are not plain, against every shipped
    /// revision and version label whose scalars all lie below U+1000 (decided without Foundation)
    /// and every other: the answers are Foundation's.
    @Test("texts mixing CJK with other scalars answer as Foundation")
    func mixedTexts() {
        let labels = LocaleCatalog.shared.allLabels(\.revisions) + LocaleCatalog.shared.allLabels(\.version)
        let texts = ["“修订”", "‘修订’", "单击“提交”。", "Revisions’", "Windows Server\u{A0}2008", "Версии\u{A0}", "Révisions ® ©",
                     "修订…", "Verzióelőzmények — ™", "修订 – Révisions", "Révisions 修订", "版本\u{301}", "ﬀ改訂", "Ａ개정 내역", "修訂\u{212A}", "Verzióelőzmények修"]
        for label in labels {
            for text in texts + labels.map({ "é" + $0 }) + labels.map({ $0 + "“" }) + labels.map({ $0 + "\u{A0}" })
                + labels.map({ $0.replacingOccurrences(of: " ", with: "\u{A0}") }) {
                let expected = label.compare(text, options: .caseInsensitive) == .orderedSame
                #expect(LabelComparison.equals(label, text) == expected, "\(label) vs \(text)")
                #expect(LabelComparison.ClassedLabels([label]).containsEqual(text) == expected, "\(label) vs \(text), classed")
            }
        }
    }

    /// Every revision and version label of the shipped packs against every other, in its own
    /// case, in capitals and in lower case: the byte path answers as Foundation does.
    @Test("every shipped label pair answers as Foundation")
    func shippedLabels() {
        let labels = LocaleCatalog.shared.allLabels(\.revisions) + LocaleCatalog.shared.allLabels(\.version)
        for label in labels {
            for other in labels {
                for text in [other, other.uppercased(), other.lowercased(), other + "：", "**" + other] {
                    let expected = label.compare(text, options: .caseInsensitive) == .orderedSame
                    #expect(LabelComparison.equals(label, text) == expected, "\(label) vs \(text)")
                }
            }
        }
    }

    @Test("lower-casing on bytes where no scalar has case beyond ASCII", arguments: [
        ("ASCII capitals", "Affected Software", "affected software"),
        ("Chinese with ASCII capitals", "受影响的 Windows 软件", "受影响的 windows 软件"),
        ("Chinese only", "受影响的软件", "受影响的软件"),
        ("German capitals with umlaut", "BETROFFENE SOFTWARE ÜBERSICHT", "betroffene software übersicht"),
        ("Greek capital sigma, no final form (the standard library maps scalars alone)", "ΟΔΟΣ", "οδοσ"),
        ("dotted capital I", "İ", "i\u{307}"),
    ])
    func lowercased(name: String, text: String, expected: String) {
        #expect(LabelComparison.lowercased(text) == expected)
        #expect(text.lowercased() == expected, "the table disagrees with the standard library")
    }

    @Test("six- or seven-digit numbers in parentheses", arguments: [
        ("ASCII parentheses", "Internet Explorer 7 (3124275)", ["3124275"]),
        ("fullwidth parentheses", "Windows XP Service Pack 3（2724197）", ["2724197"]),
        ("mixed parentheses", "Office 2007（2687439) and (2687440）", ["2687439", "2687440"]),
        ("five digits", "Word (12345)", []),
        ("eight digits", "Word (12345678)", []),
        ("digits after other text in the parenthesis", "Word (KB 2687439)", []),
        ("a closing parenthesis with a combining mark is not one", "Word (2687439)\u{301}", []),
        ("Hangul around the number", "한국어 (2687439) 업데이트", ["2687439"]),
    ])
    func parenthesisedNumbers(name: String, text: String, expected: [String]) {
        #expect(AffectedSoftwareReader.parenthesisedNumbers(in: text) == expected)
    }

    @Test("tag names of table markup", arguments: [
        ("a cell", "td", "td"),
        ("a closing row in capitals", "/TR", "tr"),
        ("attributes after the name", "TD class=\"x\" colspan=\"2\"", "td"),
        ("a name running into a non-ASCII letter", "tdé", "tdé"),
        ("no name", "/ ", ""),
    ])
    func tagNames(name: String, tag: String, expected: String) {
        #expect(HTMLTableAssembler.tagName(Substring(tag)) == expected)
    }

    @Test("column spans of cells", arguments: [
        ("none", "td class=\"x\"", 1),
        ("quoted", "td colspan=\"3\"", 3),
        ("capitals, single quotes", "TD COLSPAN='2'", 2),
        ("spaces around the equals sign", "th colspan = 4", 4),
        ("capped at 100", "td colspan=\"250\"", 100),
        ("zero reads as one", "td colspan=\"0\"", 1),
        ("after non-ASCII text", "td title=\"修补程序\" colspan=\"5\"", 5),
    ])
    func columnSpans(name: String, tag: String, expected: Int) {
        #expect(HTMLTableAssembler.columnSpan(in: Substring(tag)) == expected)
    }

    @Test("severity words of cells", arguments: [
        ("Chinese", "严重", "critical"),
        ("Chinese in bold with a full stop", " **严重。** ", "critical"),
        ("German in capitals", "KRITISCH", "critical"),
        ("English with a colon", "Important:", "important"),
        ("no-break space around", "\u{A0}Moderate\u{A0}", "moderate"),
        ("the longest word, in capitals", "**KRITIKUS FONTOSSÁGÚ**", "critical"),
        ("the longest word, accents decomposed", "Kritikus fontossa\u{301}gu\u{301}", "critical"),
        ("ASCII one letter longer than any word", "Kritikus fontossagux", nil),
        ("a product name", "Windows XP Service Pack 3", nil),
    ])
    func severity(name: String, cell: String, rating: String?) {
        #expect(LocaleCatalog.shared.severityRating(for: cell)?.rating == rating)
    }
}

/// The numeric CLDR patterns a text cannot match without their literals are skipped; what they
/// read is still read.
@Suite("Date patterns skipped by their literals")
struct DateLiteralTests {
    @Test("literals a numeric pattern requires", arguments: [
        ("Chinese long date", "y年M月d日", ["年", "月", "日"]),
        ("Korean long date, spaces aside", "y년 M월 d일", ["년", "월", "일"]),
        ("German medium date", "dd.MM.y", [".", "."]),
        ("Japanese medium date", "y/MM/dd", ["/", "/"]),
        ("quoted Cyrillic letter left out, its dots kept", "d.MM.y 'г'.", [".", ".", "."]),
        ("a doubled quote is a quote", "d''MM''y", ["'", "'"]),
        ("quoted Spanish words are letters", "d 'de' MMMM 'de' y", []),
    ] as [(String, String, [Unicode.Scalar])])
    func requiredLiterals(name: String, pattern: String, expected: [Unicode.Scalar]) {
        #expect(CLDRDateForms.requiredLiterals(of: pattern) == expected)
    }

    @Test("texts that cannot start a month name", arguments: [
        ("a Chinese numeric date", "发布日期：2008年6月13日", false),
        ("a capital of an ASCII name", "13. JUNI 2008", true),
        ("a lower-case ASCII letter no name starts with", "v1.0 2008", false),
        ("the first ideograph of 十一月", "2008年十一月", true),
        ("Cyrillic may fold to a name", "июня 2008", true),
        ("a KELVIN SIGN may fold to k", "\u{212A} 2008", true),
    ])
    func monthLeads(name: String, text: String, expected: Bool) {
        let leads = MonthLeads(names: ["juni", "june", "十一月", "июнь"])
        #expect(leads.mayStartName(in: text) == expected)
    }

    @Test("dates only a CLDR numeric pattern reads are still read", arguments: [
        ("Korean medium date", "게시: 2008. 6. 23.", "2008-06-23"),
        ("Chinese long date without spaces", "发布日期：2008年6月13日", "2008-06-13"),
        ("Japanese medium date", "公開日: 2014/11/11", "2014-11-11"),
    ])
    func numericPatterns(name: String, text: String, expected: String) {
        let atoms = DateReader.shared.dates(in: text, numericOrder: "ymd")
        #expect(atoms.first?.date == day(expected))
    }
}

/// The digit-run scan that decides whether a text is searched for CVE ids and KB numbers.
@Suite("Digit runs, eight bytes at a time")
struct DigitRunTests {
    @Test("longest run of ASCII digits, capped at six", arguments: [
        ("empty", "", 0),
        ("no digits in eight bytes", "abcdefgh", 0),
        ("a digit after eight letters", "abcdefgh1", 1),
        ("a run across the eight-byte boundary", "abcdefg12345xyz", 5),
        ("Chinese then four digits", "数字1234", 4),
        ("the longest of three runs", "12 345 6789", 4),
        ("seven digits stop at the cap", "KB1234567", 6),
        ("full-width digits are not ASCII digits", "１２３４５６", 0),
    ])
    func longest(name: String, text: String, expected: Int) {
        var text = text
        #expect(text.withUTF8 { IdentifierScanner.longestDigitRun($0, upTo: 6) } == expected)
    }
}
