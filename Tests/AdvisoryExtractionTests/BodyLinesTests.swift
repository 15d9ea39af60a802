@testable import AdvisoryExtraction
import CommonMark
import Testing

/// `BodyLines`: the preprocessor's one walk over a body's lines.
@Suite("Body lines")
struct BodyLinesTests {
    struct LinesCase: CustomTestStringConvertible, Sendable {
        var name: String
        var body: String
        var fenced: [Int]
        var tagLines: [Int]
        var testDescription: String { name }
    }

    static let cases: [LinesCase] = [
        LinesCase(name: "empty body: one empty line", body: "", fenced: [], tagLines: []),
        LinesCase(name: "tags under zero to three spaces or tabs", body: "<td>\n <tr>\n\t<p>\n   </td>\n    <td>\nx <b>",
                  fenced: [], tagLines: [0, 1, 2, 3]),
        LinesCase(name: "a blank line and a final newline", body: "a\n\n<td>\n", fenced: [], tagLines: [2]),
        LinesCase(name: "a backtick fence and the tags inside it", body: "```\n<td>\n```\n<td>", fenced: [0, 1, 2], tagLines: [1, 3]),
        LinesCase(name: "a tilde fence closed by a longer run", body: "~~~\nx\n~~~~\ny", fenced: [0, 1, 2], tagLines: []),
        LinesCase(name: "a fence in a list item closed with a tab", body: "    ```\n    <td>\n\t```\n<td>", fenced: [0, 1, 2], tagLines: [3]),
        LinesCase(name: "an indented fence ended by a line indented less", body: "    ```\n    a\n\n  b\n<td>", fenced: [0, 1, 2], tagLines: [4]),
        LinesCase(name: "a code span is no fence", body: "```a```\n<td>", fenced: [], tagLines: [1]),
        LinesCase(name: "two backticks open nothing", body: "``\n<td>", fenced: [], tagLines: [1]),
        LinesCase(name: "a fence left open holds the rest", body: "x\n```\n\n<td>\n", fenced: [1, 2, 3, 4], tagLines: [3]),
    ]

    @Test("line starts, fenced lines and tag lines, by hand", arguments: cases)
    func lines(_ c: LinesCase) {
        let bytes = Array(c.body.utf8)
        let lines = bytes.withUnsafeBufferPointer(BodyLines.init)
        let expectedStarts = bytes.withUnsafeBufferPointer(ByteLines.starts(of:))
        #expect(lines.starts == expectedStarts)
        #expect(lines.fenced.indices.filter { lines.fenced[$0] } == c.fenced)
        #expect(lines.tagLines == c.tagLines)
    }

    /// The readings the walk replaces: every line's fence state (the tracker on every line), and
    /// the lines whose first `<` has only spaces and tabs, fewer than four bytes, before it.
    static func separateReadings(_ bytes: UnsafeBufferPointer<UInt8>) -> (fenced: [Bool], tagLines: [Int]) {
        let starts = ByteLines.starts(of: bytes)
        var tracker = FenceTracker()
        var fenced: [Bool] = []
        var tagLines: [Int] = []
        for number in starts.indices {
            let line = bytes[ByteLines.range(ofLine: number, starts: starts, byteCount: bytes.count)]
            fenced.append(tracker.isFenced(line))
            if let start = line.firstIndex(of: UInt8(ascii: "<")), start - line.startIndex < 4,
               line[..<start].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                tagLines.append(number)
            }
        }
        return (fenced, tagLines)
    }

    @Test("the walk reads generated bodies as the separate readings do")
    func againstSeparateReadings() {
        let pieces = ["\n", " ", "\t", "<td>", "<", "```", "~~~", "`", "x", "\u{A0}", "中"].map { Array($0.utf8) }
        var fencedSeen = 0
        for body in generatedSequences(count: 20_000, of: pieces, maxPieces: 14, seed: 0x5DEE_CE66_D1CE_4E5B) {
            body.withUnsafeBufferPointer { bytes in
                let lines = BodyLines(bytes)
                let expected = Self.separateReadings(bytes)
                #expect(lines.starts == ByteLines.starts(of: bytes))
                #expect(lines.fenced == expected.fenced, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                #expect(lines.tagLines == expected.tagLines, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
                if lines.fenced.contains(true) { fencedSeen += 1 }
            }
        }
        #expect(fencedSeen > 1_000)
    }
}
