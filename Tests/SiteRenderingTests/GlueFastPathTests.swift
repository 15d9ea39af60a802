@testable import AdvisoryModel
import Foundation
@testable import SiteRendering
import Testing
@testable import XMLValidation

/// The byte paths of the sanitiser, the URL checks, the escapers and the CSAF writer (issue 16):
/// each answer written out by hand, and where a byte path stands in for a `String` or Foundation
/// call, the same answer as that call.
@Suite("Byte paths around libxml2 and the JSON writers")
struct GlueFastPathTests {
    // MARK: Attribute values

    struct Value: CustomTestStringConvertible, Sendable {
        var name: String
        var value: String
        var id: String
        var classes: String
        var integer: Int?
        var testDescription: String { name }
    }

    static let values: [Value] = [
        Value(name: "plain ASCII", value: "note-1", id: "note-1", classes: "note-1", integer: nil),
        Value(name: "spaces around and inside", value: " a b_c  d ", id: "ab_cd", classes: "a b_c d", integer: nil),
        Value(name: "a number with spaces", value: "  12 ", id: "12", classes: "12", integer: 12),
        Value(name: "signs as Int reads them", value: "+3", id: "+3", classes: "", integer: 3),
        Value(name: "tabs and line breaks are white space in ids, not class separators", value: "a\tb\nc", id: "abc", classes: "", integer: nil),
        Value(name: "a class with a symbol is dropped", value: "ok tw@o three", id: "oktw@othree", classes: "ok three", integer: nil),
        Value(name: "letters beyond ASCII", value: "好 a é", id: "好aé", classes: "好 a é", integer: nil),
        Value(name: "an ideographic space", value: "x\u{3000}y", id: "xy", classes: "", integer: nil),
        Value(name: "a number with a unit", value: "12px", id: "12px", classes: "12px", integer: nil),
        Value(name: "empty", value: "", id: "", classes: "", integer: nil),
        Value(name: "minus zero", value: "-0", id: "-0", classes: "-0", integer: 0),
        Value(name: "a sign without digits", value: " + ", id: "+", classes: "", integer: nil),
        Value(name: "two signs", value: "--1", id: "--1", classes: "--1", integer: nil),
        Value(name: "digits split by a space", value: "1 2", id: "12", classes: "1 2", integer: nil),
        Value(name: "the largest Int", value: "9223372036854775807", id: "9223372036854775807", classes: "9223372036854775807", integer: Int.max),
        Value(name: "one past the largest Int", value: "9223372036854775808", id: "9223372036854775808", classes: "9223372036854775808", integer: nil),
        Value(name: "the smallest Int", value: "-9223372036854775808", id: "-9223372036854775808", classes: "-9223372036854775808", integer: Int.min),
        Value(name: "one below the smallest Int", value: "-9223372036854775809", id: "-9223372036854775809", classes: "-9223372036854775809", integer: nil),
        Value(name: "a digit that is not ASCII", value: "\u{663}", id: "\u{663}", classes: "\u{663}", integer: nil),
    ]

    @Test("Ids, class names and numbers read from an attribute's bytes", arguments: values)
    func attributeValues(_ c: Value) {
        let bytes = Array(c.value.utf8)
        bytes.withUnsafeBufferPointer { value in
            #expect(HTMLSanitizer.Writer.cleanId(value) == c.id)
            #expect(HTMLSanitizer.Writer.classNames(value) == c.classes)
            #expect(HTMLSanitizer.Writer.integer(value) == c.integer)
            // Taken as it is only when ASCII and what the class filter makes of it.
            #expect(HTMLSanitizer.Writer.isClassList(value) == (!c.classes.isEmpty && c.value == c.classes && c.value.utf8.allSatisfy { $0 < 0x80 }))
            // The String forms they stand in for.
            #expect(HTMLSanitizer.Writer.cleanId(c.value) == c.id)
            #expect(Int(c.value.trimmingCharacters(in: [" "])) == c.integer)
        }
    }

    @Test("An id keeps its first 100 characters")
    func longId() {
        let bytes = Array(String(repeating: "ab", count: 60).utf8)
        bytes.withUnsafeBufferPointer { #expect(HTMLSanitizer.Writer.cleanId($0) == String(repeating: "ab", count: 50)) }
    }

    @Test("The sanitiser writes kept attributes as it did", arguments: [
        ("<span id=\" a b \" class=\"x y@ z\">t</span>", "<span id=\"ab\" class=\"x z\">t</span>"),
        ("<ol start=\" 3 \" type=\"a\"><li>x</li></ol>", "<ol start=\"3\" type=\"a\"><li>x</li></ol>"),
        ("<ol start=\"-1\"><li>x</li></ol>", "<ol><li>x</li></ol>"),
        ("<img src=\"a.gif\" width=\"12px\" height=\"7\">", "<img src=\"a.gif\" height=\"7\" alt=\"\" />"),
        ("<table><tr><td colspan=\" 2 \">a</td></tr><tr><td>c</td><td>d</td></tr></table>",
         "<table><tr><td colspan=\"2\">a</td></tr><tr><td>c</td><td>d</td></tr></table>"),
        // The widest row has three cells: `a` keeps room for the `th` after it.
        ("<table><tr><td colspan=\"3\">a</td><th>b</th></tr><tr><td>c</td><td>d</td><td>e</td></tr></table>",
         "<table><tr><td colspan=\"2\">a</td><th>b</th></tr><tr><td>c</td><td>d</td><td>e</td></tr></table>"),
        ("<table><tr><td colspan=\"0\">a</td><td colspan=\"-2\">b</td></tr></table>",
         "<table><tr><td>a</td><td>b</td></tr></table>"),
        ("<table><thead><tr><th colspan=\"4\">h</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>",
         "<table><thead><tr><th colspan=\"2\">h</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>"),
    ])
    func keptAttributes(html: String, expected: String) {
        #expect(HTMLSanitizer().sanitize(html).html == expected)
    }

    @Test("A paragraph is a div when a block stands anywhere below it, first child or last", arguments: [
        ("<p><b>x</b><span><i>y</i></span></p>", "<p><b>x</b><span><i>y</i></span></p>"),
        ("<p><foo>y</foo></p>", "<p>&lt;foo&gt;y&lt;/foo&gt;</p>"),
        ("<p><span><i><section>y</section></i></span>z</p>", "<div><span><i><section>y</section></i></span>z</div>"),
        ("<p><span><section>y</section></span><b>x</b></p>", "<div><span><section>y</section></span><b>x</b></div>"),
        ("<p>z<span>a</span><span><b>b</b><i><figure>c</figure></i></span></p>", "<div>z<span>a</span><span><b>b</b><i><figure>c</figure></i></span></div>"),
    ])
    func paragraphsWithBlocks(html: String, expected: String) {
        #expect(HTMLSanitizer().sanitize(html).html == expected)
    }

    // MARK: Names

    @Test("Tag names found as words, in any case; longer names are in no list")
    func nameKeys() {
        let refused = FragmentRuns.NameKeys(["html", "frameset"])
        func key(_ name: String) -> UInt64? {
            Array(name.utf8).withUnsafeBufferPointer { FragmentRuns.NameKeys.key(ofName: $0) }
        }
        #expect(key("tbody") == 0x74_62_6F_64_79)
        #expect(key("TBody") == key("tbody"))
        #expect(refused.contains(key("FRAMESET")))
        #expect(!refused.contains(key("frames")))
        #expect(key("framesets") == nil)
        #expect(!refused.contains(key("framesets")))
    }

    @Test("The name table gives one index per name, past its packed limit and for long names")
    func nameTable() {
        var table = HTMLSanitizer.NameTable()
        var first: [String: Int] = [:]
        let names = (0..<300).map { "n\($0)" } + ["a", "img", "averyveryverylongname", "table"]
        for round in 0..<2 {
            for name in names {
                let index = Array(name.utf8).withUnsafeBufferPointer { table.index(ofLowercase: $0) }
                #expect(table.texts[index] == name)
                if round == 0 { first[name] = index } else { #expect(first[name] == index) }
            }
        }
        let upper = "IMG".withCString { $0.withMemoryRebound(to: UInt8.self, capacity: 4) { table.index(of: $0) } }
        #expect(upper == first["img"])
        #expect(table.traits[upper].role == .image)
    }

    @Test("The name table writes and matches each name's bytes, short, sixteen bytes and long", arguments: [
        "a", "img", "blockquote", "sixteenbytesname", "seventeenbytesnam", "averyveryverylongname",
    ])
    func nameBytes(_ name: String) {
        var table = HTMLSanitizer.NameTable.seeded
        let index = Array(name.utf8).withUnsafeBufferPointer { table.index(ofLowercase: $0) }
        var written: [UInt8] = [UInt8(ascii: "<")]
        table.appendName(index, to: &written)
        #expect(String(decoding: written, as: UTF8.self) == "<" + name)
        #expect(table.nameCount(index) == name.utf8.count)
        #expect(Array(name.utf8).withUnsafeBufferPointer { table.isName(index, spelledBy: $0) })
        #expect(!Array((name + "x").utf8).withUnsafeBufferPointer { table.isName(index, spelledBy: $0) })
        #expect(!Array(("q" + name.dropFirst()).utf8).withUnsafeBufferPointer { table.isName(index, spelledBy: $0) })
    }

    @Test("A string holds the bytes of another: found anywhere, empty always, longer never", arguments: [
        ("KB954474 fixes it", "954474", true), ("abc", "", true), ("ab", "abc", false), ("aab", "ab", true),
        ("受影响的软件", "影响", true), ("受影响的软件", "影的", false), ("", "a", false),
        ("xyz", "xyz", true), ("abcab", "cab", true), ("aaab", "aab", true), ("aaaa", "aab", false), ("Abc", "abc", false),
        ("bbbbab", "ab", true), ("bbbb", "ab", false), ("abx", "ab", true), ("abc", "c", true), ("abc", "d", false),
    ])
    func containsBytes(_ hay: String, _ needle: String, _ expected: Bool) {
        #expect(hay.containsBytes(of: needle) == expected)
    }

    @Test("A string or a slice of one holds a byte: at either end, inside CJK text, or not at all", arguments: [
        ("http://example.com", UInt8(ascii: ":"), true), ("relative/page.md", UInt8(ascii: ":"), false),
        ("a\\b", UInt8(ascii: "\\"), true), ("", UInt8(ascii: "a"), false), ("x", UInt8(ascii: "x"), true),
        ("受影响的软件|", UInt8(ascii: "|"), true), ("受影响的软件", UInt8(ascii: "|"), false),
        ("a long string of more than fifteen bytes, ending in a dot.", UInt8(ascii: "."), true),
    ])
    func containsByte(_ text: String, _ byte: UInt8, _ expected: Bool) {
        #expect(text.containsByte(byte) == expected)
        #expect(("[" + text + "]").dropFirst().dropLast().containsByte(byte) == expected, "as a Substring")
    }

    @Test("A string is all ASCII or not: the high byte in the first word, in the tail or nowhere", arguments: [
        ("", true), ("abcdefg", true), ("abcdefgh", true), ("abcdefghijklmnopq", true), ("\u{7F}\u{0}", true),
        ("é", false), ("abcdefgé", false), ("abcdefghé", false), ("abcdefghijklmnopé", false), ("https://例子.org/", false),
    ])
    func isAllASCII(_ text: String, _ expected: Bool) {
        #expect(text.isAllASCII == expected)
        #expect(("[" + text + "]").dropFirst().dropLast().isAllASCII == expected, "as a Substring")
        #expect(Array(text.utf8).withUnsafeBufferPointer(ByteWords.isAllASCII) == expected, "as bytes")
    }

    // MARK: URLs

    @Test("Well-formed URLs: the host checks on bytes", arguments: [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://Example.org:8080/", "HTTP://Example.org:8080/"),
        ("https://.example.org/", nil),
        ("https://a..b/", nil),
        ("https://a%41.b/", nil),
        ("http:///x", nil),
        ("https://user@/x", nil),
        ("/zh-cn/a..b.html", "/zh-cn/a..b.html"),
        ("https://例子.org/a b", "https://例子.org/a%20b"),
        ("https://a..例/", nil),
    ] as [(String, String?)])
    func wellFormed(url: String, expected: String?) {
        #expect(URLSafety.wellFormed(url) == expected)
    }

    @Test("Schemes: the allowed ones in any case, nothing longer", arguments: [
        ("Tel:+1", "Tel:+1"), ("https:", "https:"), ("NEWS:x", "NEWS:x"), ("ftpx:a", nil), ("mailtoo:x", nil),
        ("abcdefghi:x", nil), (":x", nil), ("h t t p://a.b/", "h t t p://a.b/"),
    ] as [(String, String?)])
    func schemes(url: String, expected: String?) {
        #expect(URLSafety.safeURL(url) == expected)
    }

    @Test("The authority as byte ranges", arguments: [
        ("http://u:p@h.example:8/x", 7..<10, 11..<20, 21..<22),
        ("https://h.example", nil, 8..<17, nil),
    ] as [(String, Range<Int>?, Range<Int>, Range<Int>?)])
    func authorityRanges(url: String, userinfo: Range<Int>?, host: Range<Int>, port: Range<Int>?) {
        let ranges = Array(url.utf8).withUnsafeBufferPointer { URLSafety.httpAuthorityRanges(in: $0) }
        #expect(ranges == URLSafety.HTTPAuthorityRanges(userinfo: userinfo, host: host, port: port))
    }

    @Test("Slots are filled with the escaped URL")
    func filledSlots() {
        var out: [UInt8] = []
        let html = Array("<a href=\"\u{0}0\u{0}\">x</a><img src=\"\u{0}1\u{0}\" />".utf8)
        html.withUnsafeBufferPointer {
            HTMLSanitizer.appendFillingURLSlots($0, urls: ["a.md", "b c.png"], to: &out) { $0 == "a.md" ? "/a/?q=1&r='2'" : $0 }
        }
        #expect(String(decoding: out, as: UTF8.self) == "<a href=\"/a/?q=1&amp;r=&#39;2&#39;\">x</a><img src=\"b%20c.png\" />")
    }

    // MARK: Words

    @Test("Eight bytes at a time: found and counted exactly", arguments: [
        ([0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A, 0x0A] as [UInt8], 8, true, false),
        ([0x8A, 0x0A, 0x0A, 0x80, 0x00, 0x0A, 0xFF, 0x0B] as [UInt8], 3, true, true),
        ([0x61, 0x62, 0x63, 0x0A, 0x64, 0x65, 0x66, 0x67] as [UInt8], 1, true, false),
        ([0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41, 0x41] as [UInt8], 0, false, false),
        ([0x0B, 0x09, 0x8A, 0x0B, 0x0B, 0x0B, 0x0B, 0x0B] as [UInt8], 0, true, true),
    ])
    func words(bytes: [UInt8], newlines: Int, belowSpace: Bool, high: Bool) throws {
        let word = try #require(bytes.withUnsafeBufferPointer { ByteWords.word($0, at: 0) })
        #expect(ByteWords.count(of: 0x0A, in: word) == newlines)
        #expect((ByteWords.has(word, 0x0A) != 0) == (newlines > 0))
        #expect((ByteWords.hasBelow(word, 0x20) != 0) == belowSpace)
        #expect((ByteWords.hasHigh(word) != 0) == high)
        #expect(bytes.withUnsafeBufferPointer { ByteWords.word($0, at: 1) } == nil)
    }

    @Test("Lines of a body counted a word at a time")
    func lineCounter() {
        let body = Array("a\nbcdefghijk\n\nlmnopqrstuvwxyz\n!".utf8)
        var lines = LineCounter()
        body.withUnsafeBufferPointer { html in
            #expect(lines.line(at: 2, in: html) == 2)
            #expect(lines.line(at: html.count - 1, in: html) == 5)
            #expect(lines.line(at: 0, in: html) == 1)
            #expect(lines.line(at: 14, in: html) == 4)
        }
    }

    // MARK: Escaping a word at a time

    @Test("Escaping finds what needs a change past the first eight bytes", arguments: [
        ("abcdefgh<ijklmnop&q", "abcdefgh&lt;ijklmnop&amp;q", "abcdefgh&lt;ijklmnop&amp;q"),
        ("abcdefghi\"jk'lmnopq", "abcdefghi\"jk'lmnopq", "abcdefghi&quot;jk&#39;lmnopq"),
        ("abcdefghijkl\u{1}mnop", "abcdefghijklmnop", "abcdefghijklmnop"),
        ("abcdefghij\tk", "abcdefghij\tk", "abcdefghij k"),
        ("中文abcdefgh\u{FFFF}ijklmnop>", "中文abcdefghijklmnop&gt;", "中文abcdefghijklmnop&gt;"),
        ("abcdefgh\u{7F}ijklmnop~", "abcdefgh\u{7F}ijklmnop~", "abcdefgh\u{7F}ijklmnop~"),
    ])
    func escapingWords(input: String, text: String, attribute: String) {
        #expect(Escaping.text(input) == text)
        #expect(Escaping.attribute(input) == attribute)
        var textBytes: [UInt8] = [], attributeBytes: [UInt8] = []
        Escaping.appendText(input, to: &textBytes)
        Escaping.appendAttribute(input, to: &attributeBytes)
        #expect(String(decoding: textBytes, as: UTF8.self) == text)
        #expect(String(decoding: attributeBytes, as: UTF8.self) == attribute)
    }

    /// Words with bytes a scan stops at: the first flagged byte is the first that matches,
    /// never one after it, also where a match's borrow flags the next byte too (`<` then `=`,
    /// 0x3C then 0x3D, is such a pair for `has(_, "<")`; 0x1F then 0x20 for `hasBelow(_, 0x20)`).
    @Test("A word's first flagged byte is its first match", arguments: [
        ("the only match first", [0x3C, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61] as [UInt8], 0),
        ("the only match last", [0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x3C] as [UInt8], 7),
        ("a match, then the byte its borrow flags", [0x61, 0x61, 0x3C, 0x3D, 0x61, 0x61, 0x61, 0x61] as [UInt8], 2),
        ("two matches", [0x61, 0x61, 0x61, 0x3C, 0x61, 0x3C, 0x61, 0x61] as [UInt8], 3),
        ("a control byte before a markup byte, after 一 (E4 B8 80)", [0xE4, 0xB8, 0x80, 0x61, 0x1F, 0x20, 0x26, 0x3C] as [UInt8], 4),
        ("a markup byte before a control byte", [0x61, 0x26, 0x61, 0x61, 0x0A, 0x61, 0x61, 0x61] as [UInt8], 1),
        ("BF of a CJK character first", [0xBF, 0xA1, 0x3C, 0x61, 0x61, 0x61, 0x61, 0x61] as [UInt8], 0),
    ])
    func firstFlagged(name: String, bytes: [UInt8], first: Int) throws {
        let word = try #require(bytes.withUnsafeBufferPointer { ByteWords.word($0, at: 0) })
        let flagged = ByteWords.has(word, UInt8(ascii: "<")) | ByteWords.has(word, UInt8(ascii: "&")) | ByteWords.hasBelow(word, 0x20)
            | ByteWords.has(word, 0xBF)
        #expect(flagged != 0)
        #expect(ByteWords.firstFlagged(flagged) == first, "\(name)")
    }

    @Test("The next given byte, a word at a time", arguments: [
        ("in the first word", "ab<cdefghij", 0, 2),
        ("the start itself", "ab<cdefghij", 2, 2),
        ("a match, then the byte its borrow flags", "abc<=defghij", 0, 3),
        ("past the start, in the short tail", "<=abcdefgh<=ijk", 1, 10),
        ("in the short tail", "abcdefghij<", 0, 10),
        ("none after the start", "<abcdefghijklmnop", 1, 17),
        ("none in an empty range", "abc", 3, 3),
    ])
    func nextIndex(name: String, text: String, start: Int, expected: Int) {
        let found = Array(text.utf8).withUnsafeBufferPointer { ByteWords.nextIndex(of: UInt8(ascii: "<"), in: $0, from: start) }
        #expect(found == expected, "\(name)")
    }

    /// What the escaper gives, written character by character from its rules: markup escaped,
    /// quotes too and line breaks as spaces in attributes, controls and U+FFFE/U+FFFF dropped.
    static func escapedByCharacter(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&#39;"
            case "\t", "\n", "\r": out += attribute ? " " : String(scalar)
            case "\u{0}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Every ASCII byte inside a word, the word test's pairs (`<` `>`, `&` `'`) and their
    /// neighbours (`=`, `?`, `%`) included: changed or kept as the rules say.
    @Test("Escaping: every ASCII byte inside a word of letters, as text and as an attribute")
    func escapingEveryASCIIByte() {
        for value in UInt8(0)..<0x80 {
            let input = "abc" + String(UnicodeScalar(value)) + "defghijklm"
            var text: [UInt8] = [], attribute: [UInt8] = []
            Escaping.appendText(input, to: &text)
            Array(input.utf8).withUnsafeBufferPointer { Escaping.appendAttribute($0, to: &attribute) }
            #expect(String(decoding: text, as: UTF8.self) == Self.escapedByCharacter(input, attribute: false), "byte \(value)")
            #expect(String(decoding: attribute, as: UTF8.self) == Self.escapedByCharacter(input, attribute: true), "byte \(value)")
        }
    }

    /// Two characters to change in the same word or the next, at every pair of offsets in ASCII
    /// and CJK text: each changed as a character-by-character escaper written here changes it
    /// (a scan that went to the second would leave the first as it was).
    @Test("Escaping changes both of two characters in one word, at every pair of offsets",
          arguments: [("<", "&"), ("\u{1}", ">"), ("\"", "\u{FFFF}"), ("\n", "'"), ("\u{FFFE}", "<")])
    func escapingPairs(first: String, second: String) {
        for filler in ["abcdefghijklmnopq", "一般信息受影响的软件常见问题"] {
            let characters = Array(filler)
            for one in 0..<characters.count {
                for two in one..<min(one + 9, characters.count) {
                    let input = String(characters[..<one]) + first + String(characters[one..<two]) + second + String(characters[two...])
                    var text: [UInt8] = [], attribute: [UInt8] = [], textOfBytes: [UInt8] = [], attributeOfBytes: [UInt8] = []
                    Escaping.appendText(input, to: &text)
                    Escaping.appendAttribute(input, to: &attribute)
                    Array(input.utf8).withUnsafeBufferPointer {
                        Escaping.appendText($0, to: &textOfBytes)
                        Escaping.appendAttribute($0, to: &attributeOfBytes)
                    }
                    #expect(String(decoding: text, as: UTF8.self) == Self.escapedByCharacter(input, attribute: false), "\(filler) at \(one), \(two)")
                    #expect(String(decoding: attribute, as: UTF8.self) == Self.escapedByCharacter(input, attribute: true), "\(filler) at \(one), \(two)")
                    #expect(textOfBytes == text, "\(filler) at \(one), \(two)")
                    #expect(attributeOfBytes == attribute, "\(filler) at \(one), \(two)")
                }
            }
        }
    }

    /// Raw-HTML runs: an element opened in one block and closed in a later one joins them, with
    /// its `<` at any offset of a word; a tag ends at its first `>`, so `<div a=">"/>` is open.
    @Test("Raw-HTML runs find each tag's start and end at every offset")
    func fragmentRunsAtEveryOffset() throws {
        for padding in 0..<12 {
            let spaces = String(repeating: " ", count: padding)
            for (opening, joined) in [("<div>", true), ("<div" + spaces + "/>", false), ("<div a=\">\"/>", true), ("<b><i></i>", true), ("<!-- <div> -->", false)] {
                let first = spaces + opening + "x\n"
                let body = Array((first + "<p>mid</p>\n</div>\n").utf8)
                let split = first.utf8.count
                let tail = split + "<p>mid</p>\n".utf8.count
                let runs = try #require(body.withUnsafeBufferPointer { FragmentRuns.runs(of: [0..<split, tail..<body.count], in: $0) })
                #expect(runs == (joined ? [0..<body.count] : [0..<split, tail..<body.count]), "\(opening) after \(padding) spaces")
            }
        }
    }

    /// `xframeset` ends in `frameset`, the eight bytes a word of a longer name would keep.
    @Test("A refused tag is known by its whole name, in any case; a longer name ending in one is not refused", arguments: [
        ("<frameset>", false), ("<FrameSet>", false), ("</BODY>", false), ("<xframeset>", true), ("<bodyx>", true), ("<xbody>", true),
    ])
    func refusedTags(tag: String, accepted: Bool) {
        let body = Array((tag + "x\n").utf8)
        let runs = body.withUnsafeBufferPointer { FragmentRuns.runs(of: [0..<$0.count], in: $0) }
        #expect((runs != nil) == accepted)
    }

    @Test("A table tag is found in any case at every offset, after other tags in the same word")
    func tableTagsAtEveryOffset() {
        for padding in 0..<12 {
            let spaces = String(repeating: " ", count: padding)
            #expect(TableShape.mayHoldTables(Array((spaces + "<table>").utf8)), "after \(padding)")
            #expect(TableShape.mayHoldTables(Array((spaces + "<b><TaBlE").utf8)), "after \(padding)")
            #expect(TableShape.mayHoldTables(Array((spaces + "<<table" + spaces).utf8)), "after \(padding)")
            #expect(!TableShape.mayHoldTables(Array((spaces + "<tab>le <tabl").utf8)), "after \(padding)")
            #expect(!TableShape.mayHoldTables(Array((spaces + "table<").utf8)), "after \(padding)")
        }
    }

    /// The own-HTML writer declines text with a carriage return or an entity the escaper does not
    /// write, wherever it stands in a word, also with the `<` that ends the text in the same word.
    @Test("Own HTML: a carriage return or a foreign entity in text is seen at every offset", arguments: ["\r", "&nbsp;", "&amp;\r"])
    func ownTextAtEveryOffset(_ stop: String) {
        for padding in 0..<12 {
            for filler in ["a", "信"] {
                let html = Array(("<p>" + String(repeating: filler, count: padding) + stop + "</p>").utf8)
                var writer = HTMLSanitizer.Writer(rewriteURL: { url, _ in url }, capacity: 64)
                var lines = LineCounter()
                let written = html.withUnsafeBufferPointer { writer.writeOwnHTML($0, in: 0..<$0.count, lines: &lines) }
                #expect(!written, "\(padding) × \(filler)")
            }
            let plain = Array(("<p>" + String(repeating: "a", count: padding) + "&amp;&lt;</p>").utf8)
            var writer = HTMLSanitizer.Writer(rewriteURL: { url, _ in url }, capacity: 64)
            var lines = LineCounter()
            #expect(plain.withUnsafeBufferPointer { writer.writeOwnHTML($0, in: 0..<$0.count, lines: &lines) })
            #expect(writer.out == plain)
        }
    }

    @Test("JSON strings escape what follows eight plain bytes", arguments: [
        ("abcdefgh\"ijklmnop", #""abcdefgh\"ijklmnop""#),
        ("abcdefghijklmno\\", #""abcdefghijklmno\\""#),
        ("0123456789abcde\u{1}f", #""0123456789abcde\u0001f""#),
        ("中文中文中文\nabc", "\"中文中文中文\\nabc\""),
        ("abcdefgh\u{7F}ijklmnop", "\"abcdefgh\u{7F}ijklmnop\""),
        ("ab\"cd\"ef\"gh\\ij\tkl", #""ab\"cd\"ef\"gh\\ij\tkl""#),
        ("\"\"\"\"\"\"\"\"\"x", #""\"\"\"\"\"\"\"\"\"x""#),
        ("abcdefg\"abcdefgh\u{1F}a", #""abcdefg\"abcdefgh\u001fa""#),
    ])
    func jsonWords(text: String, json: String) throws {
        #expect(String(decoding: try SortedJSONEncoder().encodedBytes(text), as: UTF8.self) == json)
    }

    // MARK: CSAF

    @Test("CVE ids match ^CVE-[0-9]{4}-[0-9]{4,}$ and nothing else", arguments: [
        ("CVE-2008-1234", true), ("CVE-2008-12345678", true), ("CVE-2008-123", false), ("CVE-08-1234", false),
        ("CVE-2008-1234-5", false), ("CVE-2008-1234\u{301}", false), ("cve-2008-1234", false), ("CVE-２００８-1234", false),
        ("CVE 2008-1234", false), ("", false),
    ])
    func cveIDs(text: String, expected: Bool) {
        #expect(CSAFWriter.isCVE(text) == expected)
    }

    @Test("A name starts with the vendor in any case", arguments: [
        ("Microsoft Windows", "microsoft", true), ("MICROSOFT", "microsoft", true), ("Microsoftware", "microsoft", true),
        ("Micro", "microsoft", false), ("Windows", "microsoft", false), ("Microsoft\u{301} Windows", "microsoft", false),
        ("İstanbul", "i", false), ("Ärzte", "ä", true),
        ("用于基于 x64 的系统的 Windows 7", "microsoft", false), ("안전 업데이트", "microsoft", false), ("微软", "", true), ("用于", "用", true),
        ("\u{212A}B 1", "kb", true), ("㐀 Windows", "microsoft", false),
    ])
    func vendorPrefix(name: String, prefix: String, expected: Bool) {
        #expect(CSAFProductCatalog.startsWithLowercased(name, prefix) == expected)
        #expect(name.lowercased().hasPrefix(prefix) == expected)
    }

    @Test("A product mentions its group in any case", arguments: [
        ("Windows XP Service Pack 2", "Windows XP", true), ("windows xp sp2", "Windows XP", true), ("Office 2007", "Word", false),
        ("Word", "Microsoft Word", false), ("Microsoft Office Word 2007", "office word", true), ("Exchange 2000", "2000", true),
        ("Windows Server 2003 的 Itanium", "windows server", true), ("Windows Server 2003 的 Itanium", "Itanium 版", false),
        ("Windows Windows XP", "WINDOWS XP", true), ("Office Offic", "office office", false), ("XP", "xp", true),
        ("受影响的 Windows XP", "windows xp", true), ("受影响的 Windows", "windows xp", false), ("Windows 的XP", "s 的x", true),
        ("Windows 的XP", "windows xp", false), ("Windows ｘｐ", "windows xp", false), ("Café Windows", "CAFÉ", true),
        ("Office für Mac", "office", true), ("für Windows", "fur", false), ("Straße XP", "strasse", true), ("Ärger XP", "arger", false),
        ("Windows 7（32 位）", "7(32", false), ("Windows（x64）", "WINDOWS", true), ("Windows（x64） 的", "x64）", true),
        ("Windows Server 2012 R2 服务器核心安装选项", "服务器核心安装选项", true), ("服务器核心安装", "服务器核心安装选项", false),
        ("Windows 8.1 用于 32 位系统", "Windows 8 和 Windows 8.1", false), ("windows 8 和 WINDOWS 8.1 x64", "Windows 8 和 Windows 8.1", true),
        ("其他 Office 软件", "OFFICE 软", true), ("Windows 8 和", "和 Windows", false), ("的的的的的x", "的x", true),
        ("Café 软件（x64）", "软件", true), ("服务器核心安装选项", "核心安装选", true), ("服务器 核心", "服务器核心", false),
    ])
    func groupMentions(name: String, group: String, expected: Bool) {
        #expect(CSAFProductCatalog.mentions(name, group) == expected)
        #expect(name.localizedCaseInsensitiveContains(group) == expected)
    }

    @Test("A group of ASCII and CJK ideographs is looked for in the bytes; other characters go to Foundation", arguments: [
        ("Windows Server 2012 R2 服务器核心安装选项", "服务器核心安装选项", true as Bool?), ("服务器核心安装", "服务器核心安装选项", false),
        ("windows 8 和 WINDOWS 8.1 x64", "Windows 8 和 Windows 8.1", true), ("Windows 8 和", "和 Windows", false),
        ("Windows（x64） 的", "x64）", nil), ("Café 软件", "café", nil), ("软件 한국어", "软件", nil),
    ])
    func groupMentionsFromBytes(name: String, group: String, expected: Bool?) {
        #expect(CSAFProductCatalog.asciiFoldedContains(name, group) == expected)
    }

    @Test("Source locales compare in any case with _ read as -", arguments: [
        ("en_us", true), (" EN-us ", true), ("en-US", true), ("zh-CN", false), ("en_GB", false),
    ])
    func sourceLocale(locale: String, expected: Bool) {
        #expect(CSAFFixtures.configuration.isSourceLocale(locale) == expected)
    }

    @Test("An undefined product referenced by every vulnerability is reported once")
    func undefinedProductOnce() {
        var document = CSAFValidatorTests.security()
        let vulnerability = document.vulnerabilities![0]
        var second = vulnerability
        second.cve = "CVE-2020-0002"
        document.vulnerabilities = [vulnerability, second].map {
            var changed = $0
            changed.productStatus = .init(knownAffected: ["P1", "P9"])
            changed.remediations = [.init(category: "vendor_fix", details: "Update.", productIDs: ["P8", "P9"])]
            return changed
        }
        let failures = CSAFValidator.mandatoryTestFailures(document).filter { $0.hasPrefix("6.1.1:") }
        #expect(failures == ["6.1.1: product id P9 is referenced but not defined", "6.1.1: product id P8 is referenced but not defined"])
    }

    @Test("Undefined products after repeated lists: each reported once, in the order first referenced")
    func undefinedProductsAfterRepeats() {
        var document = CSAFValidatorTests.security()
        let first = document.vulnerabilities![0]
        let shared = CSAFDocument.ProductStatus(knownAffected: ["P1", "P7"])
        let fixes = [CSAFDocument.Remediation(category: "vendor_fix", details: "Update.", productIDs: ["P2"])]
        func vulnerability(_ cve: String, _ status: CSAFDocument.ProductStatus?, _ remediations: [CSAFDocument.Remediation]?) -> CSAFDocument.Vulnerability {
            var changed = first
            (changed.cve, changed.productStatus, changed.remediations) = (cve, status, remediations)
            return changed
        }
        document.vulnerabilities = [
            vulnerability("CVE-2020-0001", shared, fixes),
            vulnerability("CVE-2020-0002", shared, fixes),
            vulnerability("CVE-2020-0003", .init(knownAffected: ["P1"], fixed: ["P6"]), fixes),
            vulnerability("CVE-2020-0004", shared, [.init(category: "vendor_fix", details: "Other.", productIDs: ["P5", "P7"])]),
            vulnerability("CVE-2020-0005", nil, nil),
            vulnerability("CVE-2020-0006", .init(knownAffected: ["P4"]), [.init(category: "vendor_fix", details: "Other.", productIDs: ["P5", "P7"])]),
        ]
        let failures = CSAFValidator.mandatoryTestFailures(document).filter { $0.hasPrefix("6.1.1:") }
        #expect(failures == ["P7", "P6", "P5", "P4"].map { "6.1.1: product id \($0) is referenced but not defined" })
    }

    @Test("KB numbers: trimmed, all digits, each once, shorter first then in byte order", arguments: [
        ([String](), [String]()),
        ([" 954474 "], ["954474"]),
        (["KB954474"], []),
        (["3124275", "3124275", "3124266", "99", " 3124275", "x", ""], ["99", "3124266", "3124275"]),
        (["10", "9", "010", "9"], ["9", "10", "010"]),
        (["2", "1", "2", "1", "3"], ["1", "2", "3"]),
    ])
    func knowledgeBaseNumbers(values: [String], expected: [String]) {
        #expect(CSAFWriter.knowledgeBaseNumbers(values) == expected)
    }

    @Test("The FAQ note: question and answer trimmed, a line apart; items a blank line apart; empty parts left out", arguments: [
        ([FAQEntry](), ""),
        ([FAQEntry(question: " Was? ", answer: "\nDas.\n", line: 1)], "Was?\nDas."),
        ([FAQEntry(question: "Q1", answer: "", line: 1), FAQEntry(question: " ", answer: "\t", line: 2), FAQEntry(question: "", answer: "A3", line: 3)],
         "Q1\n\nA3"),
        ([FAQEntry(question: "问题？", answer: "回答。\n第二行", line: 1), FAQEntry(question: "Q", answer: "A", line: 2)], "问题？\n回答。\n第二行\n\nQ\nA"),
    ])
    func faqNote(faq: [FAQEntry], expected: String) {
        #expect(CSAFWriter.faqText(faq) == expected)
        #expect(CSAFWriter.faqText(faq).utf8.elementsEqual(expected.utf8))
    }

    @Test("A plain URI byte by byte: printable ASCII but space, \\ \" < > ^ ` { | }, and % only before two hex digits")
    func plainURIBytes() {
        let refused = Set("\\\"<>^`{|}%".utf8)
        for byte in UInt8.min...UInt8.max {
            let url: [UInt8] = Array("http://a.example/x".utf8) + [byte, UInt8(ascii: "y")]
            let expected = byte >= 0x21 && byte <= 0x7E && !refused.contains(byte)
            #expect(url.withUnsafeBufferPointer(URLSafety.isPlainURI) == expected, "byte \(byte)")
        }
        for (text, expected) in [("a%4a", true), ("a%4A%20", true), ("a%4", false), ("a%", false), ("a%g0", false), ("%41", true), ("", true)] {
            #expect(URLSafety.isPlainURI(text) == expected, "\(text)")
        }
    }
}
