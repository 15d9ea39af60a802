@testable import CommonMark
import Testing

/// The converter's file lines: of the parsed text's lines through a line map, and of the blocks
/// and leaves of a parsed text with one.
@Suite("Converter")
struct ConverterTests {
    struct FileLineCase: CustomTestStringConvertible, Sendable {
        var name: String
        var lineMap: [Int]
        var line: Int32
        var fileLine: Int
        var testDescription: String { name }
    }

    static let fileLineCases: [FileLineCase] = [
        FileLineCase(name: "no map: the text line", lineMap: [], line: 7, fileLine: 7),
        FileLineCase(name: "first line mapped", lineMap: [10, 12, 13], line: 1, fileLine: 10),
        FileLineCase(name: "last line mapped", lineMap: [10, 12, 13], line: 3, fileLine: 13),
        FileLineCase(name: "one past the map follows its last line", lineMap: [10, 12, 13], line: 4, fileLine: 14),
        FileLineCase(name: "three past the map", lineMap: [10, 12, 13], line: 6, fileLine: 16),
        FileLineCase(name: "line 0 (no position) stays 0", lineMap: [10, 12, 13], line: 0, fileLine: 0),
    ]

    @Test("file line of a text line", arguments: fileLineCases)
    func fileLine(_ testCase: FileLineCase) {
        #expect(FileLines(lineMap: testCase.lineMap).fileLine(testCase.line) == testCase.fileLine)
    }

    /// Text lines 1–2 a paragraph, 4–5 a list of one item holding a paragraph (column 3); the
    /// map sends text line i to file line 10, 12, 13, 20, 21.
    @Test("blocks carry the file lines of their first and last text line")
    func blockLines() {
        let document = MarkdownParser().parse("a\nb\n\n- c\n  d\n", lineMap: [10, 12, 13, 20, 21]).document
        var blocks: [String] = []
        document.forEach { node in
            switch node.kind {
            case .paragraph: blocks.append("paragraph \(node.line):\(node.column)–\(node.endLine)")
            case .list: blocks.append("list \(node.line):\(node.column)–\(node.endLine)")
            case .item: blocks.append("item \(node.line):\(node.column)–\(node.endLine)")
            case .text(let text): blocks.append("text \(text) \(node.line)–\(node.endLine)")
            default: break
            }
        }
        #expect(blocks == [
            "paragraph 10:1–12", "text a 10–10", "text b 12–12",
            "list 20:1–21", "item 20:1–21", "paragraph 20:3–21", "text c 20–20", "text d 21–21",
        ])
    }

    /// The HTML block is text lines 3–5, its `**` on text line 4 after `注意 ` (three characters);
    /// the map sends text line 4 to file line 10.
    @Test("a raw HTML block's visible ** at its file line and character column")
    func visibleMarkerInHTMLBlock() {
        let result = MarkdownParser().parse("intro\n\n<div>\n注意 **a\n</div>\n", lineMap: [5, 6, 9, 10, 11])
        #expect(result.visibleMarkers == [MarkdownParser.VisibleMarker(marker: "**", line: 10, column: 4)])
    }
}
