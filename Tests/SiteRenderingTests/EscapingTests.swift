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
    ]

    @Test("text and attribute values", arguments: cases)
    func escapes(_ c: Case) {
        #expect(Escaping.text(c.input) == c.text)
        #expect(Escaping.attribute(c.input) == c.attribute)
    }
}
