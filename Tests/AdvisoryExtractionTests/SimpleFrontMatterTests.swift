@testable import AdvisoryExtraction
import Foundation
import Testing

/// Front matter read line by line without Yams, and only where Yams would read it the same.
@Suite("Front matter without a YAML parser")
struct SimpleFrontMatterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        /// `key=value` per field, nil when the simple reading must leave the text to Yams.
        var expected: [String]?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "the corpus shape (zh-cn/SecurityBulletins/2012/ms12-054.md:2-6)",
             yaml: "TOCTitle: 'MS12-054'\nTitle: 'Microsoft 安全公告 MS12-054 - 严重'\nms:assetid: 'ms12-054'\nms:contentKeyID: 61238396",
             expected: ["TOCTitle=MS12-054", "Title=Microsoft 安全公告 MS12-054 - 严重", "ms:assetid=ms12-054", "ms:contentKeyID=61238396"]),
        Case(name: "a doubled quote in a quoted value", yaml: "Title: 'Microsoft''s update'", expected: ["Title=Microsoft's update"]),
        Case(name: "typographic quotes and a no-break space stay text", yaml: "Title: „Sicherheitsupdate“\u{A0}x", expected: ["Title=„Sicherheitsupdate“\u{A0}x"]),
        Case(name: "a colon without a space in a plain value", yaml: "ms:mtpsurl: https://technet.microsoft.com/x", expected: ["ms:mtpsurl=https://technet.microsoft.com/x"]),
        Case(name: "a lone quote inside quotes", yaml: "Title: 'a'b'", expected: nil),
        Case(name: "a colon and a space in a plain value", yaml: "Title: a: b", expected: nil),
        Case(name: "a comment after a plain value", yaml: "Title: a #b", expected: nil),
        Case(name: "a double-quoted value", yaml: "Title: \"a\"", expected: nil),
        Case(name: "an empty value", yaml: "Title:", expected: nil),
        Case(name: "a blank line", yaml: "A: 1\n\nB: 2", expected: nil),
        Case(name: "an indented line", yaml: "A: 1\n  B: 2", expected: nil),
        Case(name: "a key twice", yaml: "A: 1\nA: 2", expected: nil),
        Case(name: "a value starting with an indicator", yaml: "A: *x", expected: nil),
        Case(name: "a tab", yaml: "A:\t1", expected: nil),
        Case(name: "a line separator", yaml: "A: x\u{2028}y", expected: nil),
        Case(name: "a next-line control", yaml: "A: x\u{85}y", expected: nil),
    ]

    @Test("simple lines are read as Yams reads them; the rest is left to Yams", arguments: cases)
    func simple(_ c: Case) throws {
        let lines = c.yaml.split(separator: "\n", omittingEmptySubsequences: false)[...]
        let fields = FrontMatterReader.simpleFields(lines, firstLine: 2)
        #expect(fields?.map { "\($0.key)=\($0.value)" } == c.expected)
        if let fields {
            #expect(fields.map(\.line) == Array(2..<(2 + lines.count)))
            let yams = try FrontMatterReader.yamlFields(c.yaml, firstLine: 2)
            #expect(fields.map { "\($0.key)=\($0.value)@\($0.line)" } == yams.map { "\($0.key)=\($0.value)@\($0.line)" })
        }
    }

    /// The front matter of corpus documents: wherever the simple reading answers, Yams answers the same.
    @Test("corpus front matter reads as Yams reads it", .enabled(if: Corpus.isAvailable, "../shared/corpus is absent"))
    func corpus() throws {
        let root = try #require(Corpus.root)
        var simple = 0
        for locale in ["zh-cn", "de-de"] {
            let enumerator = FileManager.default.enumerator(at: root.appendingPathComponent(locale), includingPropertiesForKeys: nil)
            var files = 0
            while let url = enumerator?.nextObject() as? URL, files < 400 {
                guard url.pathExtension == "md", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                files += 1
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                guard lines.first == "---", let close = lines.dropFirst().firstIndex(of: "---") else { continue }
                let yamlLines = lines[1..<close]
                guard let fields = FrontMatterReader.simpleFields(yamlLines, firstLine: 2) else { continue }
                simple += 1
                let yams = try FrontMatterReader.yamlFields(yamlLines.joined(separator: "\n"), firstLine: 2)
                #expect(fields.map { "\($0.key)=\($0.value)@\($0.line)" } == yams.map { "\($0.key)=\($0.value)@\($0.line)" }, "\(url.path)")
            }
        }
        #expect(simple > 400, "the simple reading should cover most corpus files")
    }

    @Test("anchors and aliases are told line by line as in the joined YAML", arguments: [
        ("a: &x 1\nb: *x", true), ("a: &x 1", false), ("a: *x", false), ("- &a\n- *a", true), ("- &a b\n- *a", true),
        ("a: 'p &q'\nb: 'r *s'", true), ("a: x&y\nb: x*y", false), ("a: &\nb: *x", false), ("a: [&x 1, *x]", true),
    ])
    func anchorsAndAliases(_ yaml: String, _ expected: Bool) {
        #expect(FrontMatterReader.usesAnchorsAndAliases(yaml) == expected)
        #expect(FrontMatterReader.usesAnchorsAndAliases(lines: yaml.split(separator: "\n", omittingEmptySubsequences: false)) == expected)
    }

    @Test("the line closing front matter", arguments: [
        ("---", true), ("...", true), ("  ---\t", true), ("---\u{A0}", true), ("--- x", false), ("----", false),
        ("Title: ---", false), ("-- -", false), ("", false), ("1---", false),
    ])
    func closingDelimiter(_ line: String, _ expected: Bool) {
        #expect(FrontMatterReader.isClosingDelimiter(Substring(line)) == expected)
    }
}
