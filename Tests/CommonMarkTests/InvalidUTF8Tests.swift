import CommonMark
import Testing

/// The parser takes cmark-gfm's strings without checking their UTF-8 again: cmark-gfm, run with
/// `CMARK_OPT_VALIDATE_UTF8`, replaces each invalid sequence of its input (and NUL) with one
/// U+FFFD (its `cmark_utf8proc_check`), and entities naming no Unicode scalar decode to U+FFFD.
/// A caller that knows its bytes are valid may spare the check: NUL and such entities still
/// read as U+FFFD.
@Suite("Invalid UTF-8 input")
struct InvalidUTF8Tests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "lone continuation byte in text", bytes: Array("a".utf8) + [0x80] + Array("b".utf8), expected: "<p>a\u{FFFD}b</p>\n"),
        Case(name: "overlong two-byte form of '/' is one replacement", bytes: Array("a".utf8) + [0xC0, 0xAF] + Array("b".utf8),
             expected: "<p>a\u{FFFD}b</p>\n"),
        Case(name: "UTF-8 of surrogate U+D800 is one replacement", bytes: Array("a".utf8) + [0xED, 0xA0, 0x80] + Array("b".utf8),
             expected: "<p>a\u{FFFD}b</p>\n"),
        Case(name: "first two bytes of 日 before the line end", bytes: Array("中".utf8) + [0xE6, 0x97] + Array("\n文".utf8),
             expected: "<p>中\u{FFFD}\n文</p>\n"),
        Case(name: "NUL in text", bytes: Array("a".utf8) + [0x00] + Array("b".utf8), expected: "<p>a\u{FFFD}b</p>\n"),
        Case(name: "byte 0xFF in a code span", bytes: Array("`a".utf8) + [0xFF] + Array("`".utf8), expected: "<p><code>a\u{FFFD}</code></p>\n"),
        Case(name: "invalid byte in a fenced code block and its info string", bytes: Array("```c".utf8) + [0x80] + Array("\nx".utf8) + [0xFE] + Array("\n```".utf8),
             expected: "<pre><code>x\u{FFFD}\n</code></pre>\n"),
        Case(name: "invalid byte in a link destination and title", bytes: Array("[x](/a".utf8) + [0x80] + Array(" \"t".utf8) + [0x80] + Array("\")".utf8),
             expected: "<p><a href=\"/a\u{FFFD}\" title=\"t\u{FFFD}\">x</a></p>\n"),
        Case(name: "character references to a surrogate and to NUL", bytes: Array("&#xD800;&#0;".utf8), expected: "<p>\u{FFFD}\u{FFFD}</p>\n"),
        Case(name: "invalid byte in a table cell", bytes: Array("| a |\n| - |\n| b".utf8) + [0x80] + Array(" |".utf8),
             expected: "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b\u{FFFD}</td>\n</tr>\n</tbody>\n</table>\n"),
    ]

    @Test("rendering", arguments: cases)
    func rendering(_ testCase: Case) {
        let document = MarkdownParser().parse(utf8: testCase.bytes).document
        #expect(HTMLRenderer().render(document) == testCase.expected)
    }

    @Test("every string of the tree is valid UTF-8", arguments: cases)
    func stringsAreValid(_ testCase: Case) {
        var strings: [String] = []
        collect(MarkdownParser().parse(utf8: testCase.bytes).document, into: &strings)
        #expect(!strings.isEmpty)
        for string in strings {
            #expect(String(validating: Array(string.utf8), as: UTF8.self) == string)
        }
    }

    /// Valid UTF-8 that cmark-gfm still rewrites: it replaces NUL while reading its input lines
    /// and references to no Unicode scalar while decoding them, with its UTF-8 check or without.
    static let validCases: [Case] = [
        Case(name: "NUL in text", bytes: Array("a".utf8) + [0x00] + Array("b".utf8), expected: "<p>a\u{FFFD}b</p>\n"),
        Case(name: "NUL in a code span", bytes: Array("`a".utf8) + [0x00] + Array("`".utf8), expected: "<p><code>a\u{FFFD}</code></p>\n"),
        Case(name: "NUL after a line end", bytes: Array("a\n".utf8) + [0x00] + Array("b".utf8), expected: "<p>a\n\u{FFFD}b</p>\n"),
        Case(name: "references to a surrogate, to NUL and past U+10FFFF", bytes: Array("&#xD800;&#0;&#x110000;".utf8),
             expected: "<p>\u{FFFD}\u{FFFD}\u{FFFD}</p>\n"),
        Case(name: "Chinese text with NBSP and bold", bytes: Array("中\u{00A0}文 **粗体**".utf8), expected: "<p>中\u{00A0}文 <strong>粗体</strong></p>\n"),
        Case(name: "four-byte scalar in a link title", bytes: Array("[x](/a \"😀\")".utf8), expected: "<p><a href=\"/a\" title=\"😀\">x</a></p>\n"),
        Case(name: "NUL in a fenced code block and its info string", bytes: Array("```c".utf8) + [0x00] + Array("\nx".utf8) + [0x00] + Array("\n```".utf8),
             expected: "<pre><code>x\u{FFFD}\n</code></pre>\n"),
        Case(name: "NUL in a link destination and title", bytes: Array("[x](/a".utf8) + [0x00] + Array(" \"t".utf8) + [0x00] + Array("\")".utf8),
             expected: "<p><a href=\"/a\u{FFFD}\" title=\"t\u{FFFD}\">x</a></p>\n"),
        Case(name: "NUL in an HTML block and in inline HTML",
             bytes: Array("<div>".utf8) + [0x00] + Array("</div>\n\na <span title=\"".utf8) + [0x00] + Array("\">b</span>".utf8),
             expected: "<div>\u{FFFD}</div>\n<p>a <span title=\"\u{FFFD}\">b</span></p>\n"),
    ]

    @Test("bytes known to be valid: the same tree without cmark-gfm's check", arguments: validCases)
    func knownValid(_ testCase: Case) {
        let unchecked = MarkdownParser().parse(utf8: testCase.bytes, bytesAreValidUTF8: true).document
        let checked = MarkdownParser().parse(utf8: testCase.bytes).document
        #expect(HTMLRenderer().render(unchecked) == testCase.expected)
        #expect(unchecked == checked)
        var strings: [String] = []
        collect(unchecked, into: &strings)
        for string in strings {
            #expect(String(validating: Array(string.utf8), as: UTF8.self) == string)
        }
    }

    private func collect(_ node: MarkdownNode, into strings: inout [String]) {
        switch node.kind {
        case .text(let text), .code(let text), .htmlInline(let text), .htmlBlock(let text):
            strings.append(text)
        case .codeBlock(let info, let literal):
            strings += [info, literal]
        case .link(let url, let title), .image(let url, let title):
            strings += [url, title]
        default:
            break
        }
        for child in node.children { collect(child, into: &strings) }
    }
}
