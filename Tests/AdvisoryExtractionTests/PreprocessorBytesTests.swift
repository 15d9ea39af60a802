@testable import AdvisoryExtraction
import Testing

/// The byte-level pieces of `TechNetPreprocessor` and white-space folding.
@Suite("Preprocessor bytes")
struct PreprocessorBytesTests {
    static func bytes(_ text: String) -> ArraySlice<UInt8> { Array(text.utf8)[...] }

    @Test("the tag of a line that is one opening tag", arguments: [
        ("<td>", TechNetPreprocessor.Tag.cell), ("<TD style=\"x\">", .cell), ("<th>", .cell), ("<Caption>", .cell),
        ("<p>", .paragraph), ("<P class=\"a\">", .paragraph), ("<span id=\"x\">", .other), ("<tdx>", .other), ("<h2>", .other),
    ])
    func openingTag(_ line: String, _ expected: TechNetPreprocessor.Tag) {
        #expect(TechNetPreprocessor.openingTag(Self.bytes(line)) == expected)
    }

    @Test("lines that are not one opening tag", arguments: ["</td>", "<td/>", "<td>x</td>", "td>", "<>", "< td>", "<br />"])
    func notOpeningTag(_ line: String) {
        #expect(TechNetPreprocessor.openingTag(Self.bytes(line)) == nil)
    }

    @Test("the tag of a line that is one closing tag", arguments: [
        ("</td>", TechNetPreprocessor.Tag.cell), ("</TH>", .cell), ("</caption>", .cell), ("</p>", .paragraph), ("</tr>", .other),
    ])
    func closingTag(_ line: String, _ expected: TechNetPreprocessor.Tag) {
        #expect(TechNetPreprocessor.closingTag(Self.bytes(line)) == expected)
    }

    @Test("lines that are not one closing tag", arguments: ["<td>", "</td >", "</>", "</t-d>"])
    func notClosingTag(_ line: String) {
        #expect(TechNetPreprocessor.closingTag(Self.bytes(line)) == nil)
    }

    @Test("empty anchors", arguments: [
        ("<span id=\"sectionToggle8\"></span>", true), ("<a name=\"x\"></a>", true), ("<span></span>", true),
        ("<span id=\"x\">text</span>", false), ("<a href=\"x\">link</a>", false), ("<b id=\"x\"></b>", false),
    ])
    func emptyAnchor(_ line: String, _ expected: Bool) {
        #expect(TechNetPreprocessor.isEmptyAnchor(Self.bytes(line)) == expected)
    }

    @Test("a single-line cell splits into its three parts", arguments: [
        ("<td>**a**</td>", "<td>", "**a**", "</td>"),
        ("<TD class=\"x\">[b](c)</td>", "<TD class=\"x\">", "[b](c)", "</td>"),
        ("<th>x</TH>", "<th>", "x", "</TH>"),
    ])
    func singleLineCell(_ line: String, _ opening: String, _ inner: String, _ closing: String) throws {
        let parts = try #require(TechNetPreprocessor.singleLineCell(Self.bytes(line)))
        #expect(String(decoding: parts.0, as: UTF8.self) == opening)
        #expect(String(decoding: parts.1, as: UTF8.self) == inner)
        #expect(String(decoding: parts.2, as: UTF8.self) == closing)
    }

    @Test("lines that are not a single-line cell", arguments: ["<td></td>", "<td>a</th>", "<p>a</p>", "<td>a<td>b</td>", "<td>a"])
    func notSingleLineCell(_ line: String) {
        #expect(TechNetPreprocessor.singleLineCell(Self.bytes(line)) == nil)
    }

    @Test("cell content that holds Markdown", arguments: [
        ("**bold**", true), ("[a](b)", true), ("a*b*c", false), ("[a] (b)", false), ("*", false), ("", false), ("x**", true),
    ])
    func holdsMarkdown(_ inner: String, _ expected: Bool) {
        #expect(TechNetPreprocessor.holdsMarkdown(Self.bytes(inner)) == expected)
    }

    @Test("KB numbers in brackets of an affected-software cell", arguments: [
        ("Windows XP (954474)", ["954474"]), ("中文（2755801）说明", ["2755801"]), ("(12345)", []), ("(KB954474)", []),
        ("954474 without brackets", []), ("Office 2007 (1234567) and (7654321)", ["1234567", "7654321"]), ("", []),
    ])
    func parenthesisedNumbers(_ text: String, _ expected: [String]) {
        #expect(AffectedSoftwareReader.parenthesisedNumbers(in: text) == expected)
    }

    @Test("folding white space", arguments: [
        ("a b", "a b"), ("", ""), (" ", ""), ("a  b", "a b"), (" a", "a"), ("a ", "a"), ("a\tb", "a b"),
        ("a\u{00A0}b", "a b"), ("一般\u{3000}信息", "一般 信息"), ("a\nb", "a b"), ("中文", "中文"),
    ])
    func folding(_ text: String, _ expected: String) {
        #expect(AdvisoryExtractor.folded(text) == expected)
        #expect(Array(text.utf8).withUnsafeBufferPointer(AdvisoryExtractor.needsFolding) == (text != expected))
    }
}
