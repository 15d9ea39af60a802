@testable import CommonMark
import Testing

/// The byte-level helpers of the parse front end: line starts, line ranges, the CJK test on
/// UTF-8 and the parse arena.
@Suite("Byte helpers")
struct ByteHelperTests {
    struct LinesCase: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var starts: [Int]
        var lines: [String]
        var testDescription: String { name }
    }

    static let lineCases: [LinesCase] = [
        LinesCase(name: "empty", text: "", starts: [0], lines: [""]),
        LinesCase(name: "one line without newline", text: "abc", starts: [0], lines: ["abc"]),
        LinesCase(name: "one line with newline", text: "abc\n", starts: [0, 4], lines: ["abc", ""]),
        LinesCase(name: "blank lines between", text: "a\n\n\nb", starts: [0, 2, 3, 4], lines: ["a", "", "", "b"]),
        LinesCase(name: "CR stays in the line", text: "a\r\nb", starts: [0, 3], lines: ["a\r", "b"]),
        LinesCase(name: "multi-byte text", text: "一般\n信息\n", starts: [0, 7, 14], lines: ["一般", "信息", ""]),
        LinesCase(name: "only newlines", text: "\n\n", starts: [0, 1, 2], lines: ["", "", ""]),
    ]

    @Test("line starts and ranges", arguments: lineCases)
    func lines(_ testCase: LinesCase) {
        let bytes = Array(testCase.text.utf8)
        let starts = bytes.withUnsafeBufferPointer(ByteLines.starts(of:))
        #expect(starts == testCase.starts)
        #expect(starts.indices.map { String(decoding: bytes[ByteLines.range(ofLine: $0, starts: starts, byteCount: bytes.count)], as: UTF8.self) }
            == testCase.lines)
    }

    @Test("the lines holding a byte, with the offset of its first", arguments: [
        ("a<b<\nc\n<d", [0, 2], [1, 7]), ("", [], []), ("x\ny", [], []), ("<\n<\n\n<", [0, 1, 3], [0, 2, 5]), ("ab\n一<", [1], [6]),
    ])
    func linesHolding(_ text: String, _ numbers: [Int], _ offsets: [Int]) {
        let bytes = Array(text.utf8)
        var seen: [(number: Int, range: Range<Int>, first: Int)] = []
        bytes.withUnsafeBufferPointer { buffer in
            let starts = ByteLines.starts(of: buffer)
            ByteLines.forEachLine(holding: UInt8(ascii: "<"), in: buffer, starts: starts) { seen.append(($0, $1, $2)) }
            #expect(seen.map(\.range) == seen.map { ByteLines.range(ofLine: $0.number, starts: starts, byteCount: buffer.count) })
        }
        #expect(seen.map(\.number) == numbers)
        #expect(seen.map(\.first) == offsets)
    }

    @Test("newlines counted in a range", arguments: [
        ("a\nb\nc", 0, 5, 2), ("a\nb\nc", 2, 5, 1), ("a\nb\nc", 0, 1, 0), ("a\nb\nc", 1, 2, 1), ("a\nb\nc", 3, 3, 0),
        ("\n\n\n", 0, 3, 3), ("一\n二\n", 0, 8, 2), ("a\nb", 4, 2, 0),
    ])
    func newlineCount(_ text: String, _ start: Int, _ end: Int, _ expected: Int) {
        #expect(Array(text.utf8).withUnsafeBufferPointer { ByteLines.newlineCount(in: $0, from: start, to: end) } == expected)
    }

    @Test("TextLines reads lines from the same starts, as slices and as byte ranges", arguments: [
        ("a\r\nbc\n", 1, "a", 0..<1), ("a\r\nbc\n", 2, "bc", 3..<5), ("a\r\nbc\n", 3, "", 6..<6), ("x\ny", 2, "y", 2..<3),
    ])
    func textLines(_ text: String, _ number: Int, _ expected: String, _ range: Range<Int>) {
        let lines = TextLines(text)
        #expect(lines.line(number).map { String(decoding: $0, as: UTF8.self) } == expected)
        #expect(lines.range(ofLine: number) == range)
        #expect(String(decoding: range.map { lines[byte: $0] }, as: UTF8.self) == expected)
    }

    @Test("TextLines has no line past the end")
    func textLinesPastEnd() {
        #expect(TextLines("a\nb").line(3) == nil)
        #expect(TextLines("a\nb").line(0) == nil)
        #expect(TextLines("a\nb").range(ofLine: 3) == nil)
        #expect(TextLines("a\nb").range(ofLine: 0) == nil)
    }

    @Test("CJK in UTF-8 bytes", arguments: [
        ("", false), ("plain ASCII *text*", false), ("Größe café", false),
        ("ก ไทย", false),                      // Thai: three-byte, not CJK
        ("…‘’“”", false),                      // general punctuation U+2026, U+2018: not CJK
        ("本指南", true), ("a中", true), ("カタカナ", true), ("한국어", true),
        ("。", true),                          // U+3002 CJK punctuation
        ("（注）", true),                      // U+FF08 full-width
        ("\u{20000}", true),                   // four-byte CJK Extension B
        ("\u{1F600}", false),                  // emoji: four-byte, not CJK
        ("\u{1100}", true),                    // first Hangul Jamo, the lower bound
        ("\u{10FF}", false),                   // just below it (Georgian)
        ("1234567中", true),                   // in the first eight bytes, after seven ASCII
        ("12345678中", true),                  // right after eight ASCII bytes passed over at once
        ("123456789abcdefg中", true),          // after sixteen
        ("12345678é12345中", true),            // after a two-byte scalar that breaks the second eight
        ("1234567890abcdef", false),           // sixteen ASCII bytes
        ("12345678\u{20000}", true),           // four-byte CJK after eight ASCII bytes
        ("12345678ก", false),                  // Thai after eight ASCII bytes
        ("\u{3247}", true), ("\u{3248}", false), // around the ideographs' range U+3250–U+A48C
        ("\u{324F}", false), ("\u{3250}", true), ("\u{4E00}", true), ("\u{A48C}", true),
        ("\u{A48D}", false), ("\u{A490}", true),
    ])
    func containsCJK(_ text: String, _ expected: Bool) {
        #expect(Array(text.utf8).withUnsafeBufferPointer(CJK.containsCJK(utf8:)) == expected)
        #expect(text.unicodeScalars.contains(where: CJK.isCJK) == expected)
    }

    @Test("the ideograph ranges a heading anchor keeps without a lookup are all letters (Lo)")
    func ideographRanges() {
        let scalars = (0x3400...0x4DBF).compactMap(Unicode.Scalar.init) + (0x4E00...0x9FFF).compactMap(Unicode.Scalar.init)
        #expect(scalars.count == 0x4DBF - 0x3400 + 1 + 0x9FFF - 0x4E00 + 1)
        #expect(scalars.allSatisfy { $0.properties.generalCategory == .otherLetter })
    }

    @Test("heading anchors", arguments: [
        ("Häufig gestellte Fragen (FAQ)", "häufig-gestellte-fragen-faq"), ("一般信息", "一般信息"),
        ("Section_2 -- Tab\tEnd", "section_2-tab-end"), ("漏洞 CVE-2016-0002：详细信息", "漏洞-cve-2016-0002详细信息"),
        ("Ⅻ ①", "ⅻ-①"), ("«¿?»", ""), ("日本語\u{3000}見出し", "日本語-見出し"),
    ])
    func slug(_ text: String, _ expected: String) {
        #expect(HeadingAnchors.slug(text) == expected)
    }

    @Test("parses in a row on one thread give the same tree")
    func parsesInARow() {
        let markdown = "# 标题\n\n| a | b |\n|---|---|\n| **粗体**文字 | [链接](x) |\n\n" + String(repeating: "段落 *强调* text\n\n", count: 3000)
        let first = MarkdownParser().parse(markdown)
        let second = MarkdownParser().parse(markdown)
        #expect(first.document == second.document)
        #expect(first.document.children.count == 3002)
        #expect(first.document.children.last?.plainText == "段落 强调 text")
    }

    @Test("a literal longer than a chunk of the arena is read whole")
    func longLiteral() {
        let long = String(repeating: "长", count: 700_000)
        let document = MarkdownParser().parse("```\n" + long + "\n```\n").document
        #expect(document.children.first?.kind == .codeBlock(info: "", literal: long + "\n"))
    }

    @Test("parses on several threads at once give the same trees")
    func concurrentParses() async {
        let markdowns = (0..<8).map { "## 第\($0)节\n\n" + String(repeating: "**问题？** 答案 \($0)\n\n", count: 200 + $0) }
        let expected = markdowns.map { MarkdownParser().parse($0).document }
        let results = await withTaskGroup(of: (Int, MarkdownNode).self) { group in
            for (index, markdown) in markdowns.enumerated() {
                group.addTask { (index, MarkdownParser().parse(markdown).document) }
            }
            var results = [MarkdownNode?](repeating: nil, count: markdowns.count)
            for await (index, document) in group { results[index] = document }
            return results
        }
        #expect(results == expected)
        #expect(results.map { $0?.children.count } == (0..<8).map { 201 + $0 })
    }
}
