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
        LabelCase(name: "German sharp s folds to ss", label: "Straße", text: "STRASSE", equal: true),
        LabelCase(name: "KELVIN SIGN folds to k", label: "\u{212A}b", text: "kb", equal: true),
        LabelCase(name: "fullwidth letters are not ASCII letters", label: "Ｖ", text: "V", equal: false),
        LabelCase(name: "empty label, empty text", label: "", text: "", equal: true),
    ]

    @Test("labels compare as Foundation compares them, ignoring case", arguments: labelCases)
    func label(_ c: LabelCase) {
        #expect(LabelComparison.equals(c.label, c.text) == c.equal)
        #expect((c.label.compare(c.text, options: .caseInsensitive) == .orderedSame) == c.equal, "the table disagrees with Foundation")
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
        ("Greek final sigma", "ΟΔΟΣ", "οδος"),
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

    @Test("severity words of cells", arguments: [
        ("Chinese", "严重", "critical"),
        ("Chinese in bold with a full stop", " **严重。** ", "critical"),
        ("German in capitals", "KRITISCH", "critical"),
        ("English with a colon", "Important:", "important"),
        ("no-break space around", "\u{A0}Moderate\u{A0}", "moderate"),
    ])
    func severity(name: String, cell: String, rating: String) {
        #expect(LocaleCatalog.shared.severityRating(for: cell)?.rating == rating)
    }
}
