@testable import CommonMark
import Testing

/// The nodes (with their positions) the emphasis pass leaves in a paragraph: kept as cmark-gfm
/// made them when matching again gives the same emphasis, made anew (adjacent text joined) when
/// it does not. Positions are 1-based byte columns, counted by hand on the input (a CJK
/// character or full-width punctuation mark is three bytes); cmark-gfm joins adjacent text, and
/// text cut at the runs it left keeps the position of the node it was cut from.
@Suite("Emphasis pass: the nodes it leaves")
struct EmphasisTreeTests {
    struct TreeCase: CustomTestStringConvertible, Sendable {
        var name: String
        var markdown: String
        /// The paragraph's children: `kind@line:column`, text as `"…"`, children in brackets.
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [TreeCase] = [
        TreeCase(name: "strong between ideographs: the same emphasis, cmark-gfm's nodes kept",
                 markdown: "这是**重要**信息",
                 expected: #""这是"@1:1 strong@1:7["重要"@1:9] "信息"@1:17"#),
        TreeCase(name: "emphasis inside strong, both as cmark-gfm made them",
                 markdown: "中**文*强*调**字",
                 expected: #""中"@1:1 strong@1:4["文"@1:6 emphasis@1:9["强"@1:10] "调"@1:14] "字"@1:19"#),
        TreeCase(name: "a Latin paragraph is left to cmark-gfm (which joins the entity to its text)",
                 markdown: "AT&amp;T **note**",
                 expected: #""AT&T "@1:1 strong@1:10["note"@1:12]"#),
        TreeCase(name: "closing ** before full-width punctuation: it can open too, still cmark-gfm's nodes",
                 markdown: "AT&amp;T **注意**：",
                 expected: #""AT&T "@1:1 strong@1:10["注意"@1:12] "："@1:20"#),
        TreeCase(name: "no marker left as text, yet the amended rules pair otherwise (。 lets * close)",
                 markdown: "*x。*中*y*",
                 expected: #"emphasis@1:1["x。"@1:2] "中"@1:7 emphasis@1:10["y"@1:11]"#),
        TreeCase(name: "runs cmark-gfm left in its text are paired: made anew, the cut text keeps the text node's position",
                 markdown: "请参阅**《安全公告》**。",
                 expected: #""请参阅"@1:1 strong@1:10["《安全公告》"@1:1] "。"@1:1"#),
    ]

    @Test("the paragraph's nodes after the emphasis pass", arguments: cases)
    func tree(_ testCase: TreeCase) throws {
        let document = MarkdownParser().parse(testCase.markdown, language: .chineseJapaneseKorean).document
        let paragraph = try #require(document.children.first)
        #expect(paragraph.kind == .paragraph)
        #expect(paragraph.children.map(Self.describe).joined(separator: " ") == testCase.expected)
    }

    /// Pieces of Markdown the inputs below are made of: CJK letters and punctuation beside
    /// runs of both markers, an entity and a code span (text nodes side by side), an escape, a
    /// line break.
    static let tokens = ["中", "。", "「", "」", "a", " ", "*", "**", "_", "&amp;", "\n", "`c`", "\\*"]

    /// The parse with the emphasis pass's shortcuts and without them: equal trees, positions
    /// and markers shown.
    static func expectSameParse(_ markdown: String, language: DocumentLanguage) {
        let fast = MarkdownParser().parse(markdown, language: language)
        var slowParser = MarkdownParser()
        slowParser.skipsUnchangedEmphasis = false
        let slow = slowParser.parse(markdown, language: language)
        #expect(fast.document == slow.document, "\(markdown.debugDescription)")
        #expect(fast.visibleMarkers == slow.visibleMarkers, "\(markdown.debugDescription)")
    }

    /// The pieces that decide flanking: both markers, an ideograph, CJK and ASCII punctuation, a
    /// letter, a space.
    static let flankingTokens = ["*", "**", "_", "中", "。", "a", " "]

    @Test("skipping containers it would give back changes nothing: every input of five pieces", arguments: ["", "*", "**"])
    func skipsOnlyUnchanged(_ wrapper: String) {
        let count = Self.flankingTokens.count
        for code in 0..<(count * count * count * count * count) {
            var rest = code
            var markdown = wrapper
            for _ in 0..<5 {
                markdown += Self.flankingTokens[rest % count]
                rest /= count
            }
            Self.expectSameParse(markdown + wrapper, language: .chineseJapaneseKorean)
        }
    }

    @Test("skipping containers it would give back changes nothing: longer inputs", arguments: [DocumentLanguage.chineseJapaneseKorean, .other])
    func skipsOnlyUnchangedLonger(_ language: DocumentLanguage) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4000 {
            var markdown = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let length = 6 + Int(state >> 60)
            for _ in 0..<length {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                markdown += Self.tokens[Int(state >> 33) % Self.tokens.count]
            }
            Self.expectSameParse(markdown, language: language)
        }
    }

    static func describe(_ node: MarkdownNode) -> String {
        let position = "@\(node.line):\(node.column)"
        let inner = node.children.isEmpty ? "" : "[" + node.children.map(describe).joined(separator: " ") + "]"
        switch node.kind {
        case .text(let text): return "\"\(text)\"" + position + inner
        case .strong: return "strong" + position + inner
        case .emphasis: return "emphasis" + position + inner
        default: return "\(node.kind)" + position + inner
        }
    }
}
