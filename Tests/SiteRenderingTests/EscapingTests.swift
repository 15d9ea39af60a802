import AdvisoryModel
import Testing

/// The one HTML escaper: the renderer, the sanitiser's writer, feeds and pages all use it.
@Suite("Escaping for XML-compatible HTML")
struct EscapingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var text: String
        var attribute: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain text stays as it is", input: "一般信息 General", text: "一般信息 General", attribute: "一般信息 General"),
        Case(name: "markup characters", input: "a<b>&c", text: "a&lt;b&gt;&amp;c", attribute: "a&lt;b&gt;&amp;c"),
        Case(name: "quotes only in attributes", input: "\"x\" 'y'", text: "\"x\" 'y'", attribute: "&quot;x&quot; &#39;y&#39;"),
        Case(name: "line breaks and tabs become spaces only in attributes", input: "x\ny\tz\r", text: "x\ny\tz\r", attribute: "x y z "),
        Case(name: "characters XML forbids are dropped", input: "a\u{1}b\u{FFFE}c\u{FFFF}", text: "abc", attribute: "abc"),
        Case(name: "runs of CJK between markup, one ending the value", input: "信息<b>受影响的软件", text: "信息&lt;b&gt;受影响的软件", attribute: "信息&lt;b&gt;受影响的软件"),
        Case(name: "forbidden characters inside a CJK run", input: "信\u{FFFE}息\u{FFFF}软\"件&", text: "信息软\"件&amp;", attribute: "信息软&quot;件&amp;"),
    ]

    @Test("text and attribute values", arguments: cases)
    func escapes(_ c: Case) {
        #expect(Escaping.text(c.input) == c.text)
        #expect(Escaping.attribute(c.input) == c.attribute)
    }

    @Test("text and attribute values appended as bytes", arguments: cases)
    func escapesBytes(_ c: Case) {
        var text = Array("<p>".utf8), attribute: [UInt8] = []
        Escaping.appendText(c.input, to: &text)
        Escaping.appendAttribute(c.input, to: &attribute)
        #expect(String(decoding: text, as: UTF8.self) == "<p>" + c.text)
        #expect(String(decoding: attribute, as: UTF8.self) == c.attribute)
    }

    @Test("only U+FFFE and U+FFFF of the characters written EF BF xx or holding BF are dropped", arguments: [
        // U+FFBF is EF BE BF, U+FFEF is EF BF AF, U+FFFD is EF BF BD, 信 is E4 BF A1, 濿 is E6 BF BF.
        ("\u{FFBF}\u{FFEF}\u{FFFD}信濿", "\u{FFBF}\u{FFEF}\u{FFFD}信濿"),
        ("abcdefg\u{FFFE}hijklmnop\u{FFFF}", "abcdefghijklmnop"),
        ("\u{FFFF}\u{FFFE}\u{FFFF}<", "&lt;"),
    ])
    func dropsOnlyNoncharacters(_ input: String, _ expected: String) {
        var fromString: [UInt8] = [], fromBytes: [UInt8] = []
        Escaping.appendText(input, to: &fromString)
        Array(input.utf8).withUnsafeBufferPointer { Escaping.appendText($0, to: &fromBytes) }
        #expect(String(decoding: fromString, as: UTF8.self) == expected)
        #expect(fromString == fromBytes)
    }

    /// U+FFFE and U+FFFF, and markup, at every offset of two words: the string escaper, which trusts
    /// `String`'s UTF-8, and the byte escaper, which checks it, both drop each and escape the rest.
    @Test("noncharacters and markup at every offset across word boundaries", arguments: ["\u{FFFE}", "\u{FFFF}", "<", "\""])
    func everyOffset(_ special: String) {
        let replaced = ["\u{FFFE}": "", "\u{FFFF}": "", "<": "&lt;", "\"": "&quot;"]
        for filler in ["abcdefghijklmnopqr", "一般信息受影响的软件常见"] {
            let characters = Array(filler)
            for offset in 0...characters.count {
                let input = String(characters[..<offset]) + special + String(characters[offset...])
                let attribute = String(characters[..<offset]) + replaced[special]! + String(characters[offset...])
                let text = special == "\"" ? input : attribute
                var fromString: [UInt8] = [], fromBytes: [UInt8] = [], attributeBytes: [UInt8] = []
                Escaping.appendText(input, to: &fromString)
                Escaping.appendAttribute(input, to: &attributeBytes)
                Array(input.utf8).withUnsafeBufferPointer { Escaping.appendText($0, to: &fromBytes) }
                #expect(String(decoding: fromString, as: UTF8.self) == text, "\(filler) at \(offset)")
                #expect(String(decoding: attributeBytes, as: UTF8.self) == attribute, "\(filler) at \(offset)")
                #expect(fromString == fromBytes, "\(filler) at \(offset)")
            }
        }
    }

    /// The string escaper trusts `String`'s UTF-8; the byte escaper checks it: on well-formed input
    /// they must agree, whatever mix of markup, controls and characters around `EF BF xx` comes.
    @Test("the string and byte escapers agree on 2,000 mixed strings (a fixed pseudo-random sequence)")
    func agreeOnMixedStrings() {
        let alphabet: [Unicode.Scalar] = ["a", "<", ">", "&", "\"", "'", "\t", "\n", "\r", "\u{1}", "\u{7F}", "é", "信", "濿",
                                          "\u{FFBF}", "\u{FFEF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "😀", "\u{FEFF}"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<2000 {
            var input = ""
            for _ in 0..<(next() % 40) { input.unicodeScalars.append(alphabet[next() % alphabet.count]) }
            var text: [UInt8] = [], textBytes: [UInt8] = [], attribute: [UInt8] = [], attributeBytes: [UInt8] = []
            Escaping.appendText(input, to: &text)
            Escaping.appendAttribute(input, to: &attribute)
            Array(input.utf8).withUnsafeBufferPointer {
                Escaping.appendText($0, to: &textBytes)
                Escaping.appendAttribute($0, to: &attributeBytes)
            }
            #expect(text == textBytes, "\(input.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(attribute == attributeBytes, "\(input.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test("bytes that are not UTF-8 are repaired as String repairs them", arguments: [
        // 'a', a lead byte without its continuation, '<', U+FFFE, 'b', a lone continuation byte, '"'.
        ([0x61, 0xC3, 0x3C, 0xEF, 0xBF, 0xBE, 0x62, 0x80, 0x22] as [UInt8], "a\u{FFFD}&lt;b\u{FFFD}\"", "a\u{FFFD}&lt;b\u{FFFD}&quot;"),
        // An over-long encoding of '/' and a surrogate (ED A0 80): one replacement per byte of each.
        ([0xC0, 0xAF, 0x78, 0xED, 0xA0, 0x80] as [UInt8], "\u{FFFD}\u{FFFD}x\u{FFFD}\u{FFFD}\u{FFFD}", "\u{FFFD}\u{FFFD}x\u{FFFD}\u{FFFD}\u{FFFD}"),
        // 信 (E4 BF A1), then the first two bytes of 息 (E6 81) at the end: one replacement for them.
        ([0xE4, 0xBF, 0xA1, 0xE6, 0x81] as [UInt8], "信\u{FFFD}", "信\u{FFFD}"),
    ])
    func repairsBytes(_ input: [UInt8], _ expectedText: String, _ expectedAttribute: String) {
        var text = Array("x".utf8), attribute: [UInt8] = []
        input.withUnsafeBufferPointer {
            Escaping.appendText($0, to: &text)
            Escaping.appendAttribute($0, to: &attribute)
        }
        #expect(String(decoding: text, as: UTF8.self) == "x" + expectedText)
        #expect(String(decoding: attribute, as: UTF8.self) == expectedAttribute)
    }
}
