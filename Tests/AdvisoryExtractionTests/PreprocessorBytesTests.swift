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

    struct BodyCase: CustomTestStringConvertible, Sendable {
        var name: String
        var body: String
        var text: String
        var lineMap: [Int]
        var testDescription: String { name }
    }

    /// Bodies whose first line is file line 5: the unchanged lines around a rewritten one are
    /// copied as they stand, and a body ending with `\n` keeps an empty last line.
    static let bodies: [BodyCase] = [
        BodyCase(name: "empty body", body: "", text: "", lineMap: [5]),
        BodyCase(name: "no tag lines, no final newline", body: "a\nb", text: "a\nb", lineMap: [5, 6]),
        BodyCase(name: "no tag lines, final newline", body: "a\nb\n", text: "a\nb\n\n", lineMap: [5, 6, 7]),
        BodyCase(name: "a cell opening the body", body: "<td>\n**a**\n", text: "<td>\n\n**a**\n\n", lineMap: [5, 5, 6, 7]),
        BodyCase(name: "a cell closing the body", body: "x\ny\n</td>", text: "x\ny\n\n</td>", lineMap: [5, 6, 7, 7]),
        BodyCase(name: "a cell between unchanged runs", body: "a\nb\n<td>\nc\nd", text: "a\nb\n<td>\n\nc\nd", lineMap: [5, 6, 7, 7, 8, 9]),
        BodyCase(name: "a tag indented four spaces is code", body: "a\n    <td>\nb", text: "a\n    <td>\nb", lineMap: [5, 6, 7]),
        BodyCase(name: "a single-line cell split in the middle", body: "a\n<td>**b**</td>\nc", text: "a\n<td>\n\n**b**\n\n</td>\nc", lineMap: [5, 6, 6, 6, 6, 6, 7]),
        BodyCase(name: "a bold slip taken out before a cell tag: the repaired line is a tag line",
                 body: "中文\n****<td>\n**a**", text: "中文\n<td>\n\n**a**", lineMap: [5, 6, 6, 7]),
        BodyCase(name: "bold space pairs only across adjacent lines", body: "中文 **\nx\n** y", text: "中文 **\nx\n** y", lineMap: [5, 6, 7]),
        BodyCase(name: "a slip on the line before a cell", body: "中文****字\n<td>\nx", text: "中文字\n<td>\n\nx", lineMap: [5, 6, 6, 7]),
    ]

    @Test("the lines of a body, copied and rewritten", arguments: bodies)
    func body(_ c: BodyCase) {
        let output = TechNetPreprocessor.process(Substring(c.body), firstLine: 5)
        #expect(output.text == c.text)
        #expect(output.lineMap == c.lineMap)
    }

    @Test("markers taken out are kept by file line, with their file columns")
    func removedMarkers() {
        let output = TechNetPreprocessor.process(Substring("中文\n****<td>\nx\n字 ** ** 字"), firstLine: 5)
        #expect(output.text == "中文\n<td>\n\nx\n字   字")
        #expect(output.removedMarkers.keys.sorted() == [6, 8])
        #expect(output.removedMarkers[6]?.map(\.column) == [1])
        #expect(output.removedMarkers[6]?.map(\.count) == [4])
        #expect(output.removedMarkers[8]?.map(\.column) == [3, 6])
        #expect(output.removedMarkers[8]?.map(\.count) == [2, 2])
    }

    @Test("lines a converter-slip repair may touch, told before their runs are read", arguments: [
        ("**粗体** 文本", nil, nil, false), ("**a** x **b**", nil, nil, false), ("a*b*c", nil, nil, false),
        ("a****b", nil, nil, true), ("a*****b", nil, nil, true), ("** **", nil, nil, true), ("a* *b", nil, nil, true),
        ("**a**\u{A0}**b**", nil, nil, true), ("**a**\u{3000}**b**", nil, nil, true), ("**a**\u{A0}b**", nil, nil, false),
        ("文本 **", nil, "**文本", true), ("文本 **  \t", nil, "  **x", true), ("文本 **", nil, "文本", false), ("文本 **", nil, nil, false),
        ("**文本", "文本 **", nil, true), ("**文本", "文本", nil, false), ("**文本", nil, nil, false),
        (String(repeating: "文本", count: 200) + "**粗体** " + String(repeating: "x", count: 300) + "****", nil, nil, true),
        (String(repeating: "文本", count: 200) + "**粗体** " + String(repeating: "x", count: 300) + "**b**", nil, nil, false),
        ("", nil, "**文本", false),
    ] as [(String, String?, String?, Bool)])
    func mayHoldSlip(_ line: String, _ previous: String?, _ next: String?, _ expected: Bool) {
        func withBytes<T>(_ text: String?, _ body: (UnsafeBufferPointer<UInt8>?) -> T) -> T {
            guard let text else { return body(nil) }
            return Array(text.utf8).withUnsafeBufferPointer { body($0) }
        }
        let result = withBytes(line) { line in
            withBytes(previous) { previous in withBytes(next) { next in ConverterSlips.mayHoldSlip(line!, previous: previous, next: next) } }
        }
        #expect(result == expected)
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
        ("中文  한국어\u{2003}ｆｕｌｌ", "中文 한국어 ｆｕｌｌ"), (" 漢字\u{3000}", "漢字"), ("😀\t\t😀 ", "😀 😀"),
        ("中 文", "中 文"), ("é\u{0085}ü", "é ü"), ("\u{1680}かな\u{205F}カナ\u{3000}", "かな カナ"),
    ])
    func folding(_ text: String, _ expected: String) {
        #expect(AdvisoryExtractor.folded(text) == expected)
        #expect(Array(text.utf8).withUnsafeBufferPointer(AdvisoryExtractor.needsFolding) == (text != expected))
    }
}
