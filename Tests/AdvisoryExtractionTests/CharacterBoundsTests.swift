@testable import AdvisoryExtraction
import Testing

/// `hasAtMostCharacters` and `hasAtLeastCharacters`: bounds on a text's characters told
/// without counting all of them.
@Suite("Character bounds")
struct CharacterBoundsTests {
    struct BoundsCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        /// The number of characters, counted by hand.
        var characters: Int
        var testDescription: String { name }
    }

    static let cases: [BoundsCase] = [
        BoundsCase(name: "empty", text: "", characters: 0),
        BoundsCase(name: "ASCII", text: "KB123", characters: 5),
        BoundsCase(name: "CJK, three bytes a character", text: "什么是WCF？", characters: 7),
        BoundsCase(name: "a combining accent joins its letter", text: "e\u{301}e\u{301}x", characters: 3),
        BoundsCase(name: "CR LF is one character", text: "a\r\nb", characters: 3),
        BoundsCase(name: "a flag of two scalars, eight bytes", text: "\u{1F1E9}\u{1F1EA}?", characters: 2),
    ]

    @Test("at most and at least, for every bound around the count", arguments: cases)
    func bounds(_ c: BoundsCase) {
        for bound in 0...(c.characters + 3) {
            #expect(c.text.hasAtMostCharacters(bound) == (c.characters <= bound), "at most \(bound)")
            #expect(c.text.hasAtLeastCharacters(bound) == (c.characters >= bound), "at least \(bound)")
            #expect(c.text[...].hasAtMostCharacters(bound) == (c.characters <= bound), "substring, at most \(bound)")
        }
    }
}
