import CommonMark
import Testing

/// `HTMLAttributes.idsAndNames(in:)`: at each `=`, the ASCII letters before it name the attribute
/// (any case, spaces between allowed), and a quoted value after it runs to the same quote or the
/// end of the text; values are lower-cased. Expected values read off the HTML by that rule.
@Suite("HTML attributes")
struct HTMLAttributesTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var html: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "id and name, both quotes", html: "<a id=\"Top\"></a><a name='Down'>", expected: ["top", "down"]),
        Case(name: "upper-case attribute names and spaces around =", html: "<p ID = \"X1\" NAME  =  'Y'>", expected: ["x1", "y"]),
        Case(name: "unquoted values and other attributes are skipped", html: "<a id=x href=\"/a\" title=\"t\" class='c'>", expected: []),
        Case(name: "names that only end in id or name are not cut", html: "<a xid=\"1\" rename=\"2\" idx=\"3\" names=\"4\">", expected: []),
        Case(name: "the letters before = after a hyphen count (data-id)", html: "<a data-id=\"Q\">", expected: ["q"]),
        Case(name: "a value that never closes runs to the end", html: "<a id=\"Open", expected: ["open"]),
        Case(name: "an empty value", html: "<a id=\"\">", expected: [""]),
        Case(name: "non-ASCII values lower-cased", html: "<h2 id=\"Überblick-ÄÖ\">", expected: ["überblick-äö"]),
        Case(name: "ideographs before the name", html: "中文id=\"甲\"", expected: ["甲"]),
        Case(name: "= at the very start and end", html: "=id=\"a\"=", expected: ["a"]),
        Case(name: "no =", html: "<br>", expected: []),
        Case(name: "empty", html: "", expected: []),
    ]

    @Test("ids and names", arguments: cases)
    func idsAndNames(_ testCase: Case) {
        #expect(HTMLAttributes.idsAndNames(in: testCase.html) == testCase.expected)
    }

    @Test("an id or name attribute is found exactly when a quoted value follows the attribute's name and =", arguments: [
        ("named anchor", #"<a name="faq"></a>"#, true),
        ("capitals and spaces around the equals sign", "<A NAME = 'Top'>", true),
        ("id at the very start", #"id="x""#, true),
        ("id after a hyphen", #"<div data-id="x">"#, true),
        ("id inside another attribute's value", #"<a href="?id='5'">"#, true),
        ("colspan", #"<td colspan="2">"#, false),
        ("width ends in letters that are not id", #"<td width="50%">"#, false),
        ("unquoted id", "<p id=plain>", false),
        ("id with a letter before it", #"<a xid="1">"#, false),
        ("rename is not name", #"<a rename="1">"#, false),
        ("no equals sign", "<br />", false),
        ("equals sign at the very start", "=\"x\"", false),
    ])
    func idOrName(name: String, html: String, holds: Bool) {
        #expect(!HTMLAttributes.idsAndNames(in: html).isEmpty == holds)
    }
}
