import AdvisoryModel
import Foundation
@testable import SiteBuild
import Testing

@Suite("Reading TOC.yml")
struct TOCReaderTests {
    /// A content folder with two documents and `toc` as its TOC.yml.
    static func read(_ toc: String) throws -> (entries: [TOCEntry], diagnostics: [Diagnostic]) {
        let root = temporaryFolder("toc")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in [("TOC.yml", toc), ("a/one.md", "# One\n"), ("a/two.md", "# Two\n")] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return TOCReader.read(tree: ContentTree(root: root.path))
    }

    static func entry(_ name: String, _ target: String? = nil, absent: Bool = false, _ children: [TOCEntry] = []) -> TOCEntry {
        TOCEntry(name: name, target: target, isAbsent: absent, children: children)
    }

    @Test("Names, links and levels, whatever the order of an entry's keys and however they are quoted", arguments: [
        ("- name: A\n  items:\n  - name: One\n    href: a/one.md\n", [entry("A", nil, [entry("One", "a/one.md")])]),
        ("- items:\n  - href: A/TWO.md\n    name: Two\n  name: A\n", [entry("A", nil, [entry("Two", "a/two.md")])]),
        ("- \"name\": A\n  'href': a/one.md\n  other: 1\n", [entry("A", "a/one.md")]),
        // What Yams' default rules would type (a number, a boolean, null) is read as the text it is.
        ("- name: 2008\n- name: true\n- name: null\n- name: ~\n", [entry("2008"), entry("true"), entry("null"), entry("~")]),
        ("- name: Gone\n  href: a/three.md\n", [entry("Gone", absent: true)]),
        ("- href: https://example.org/\n", [entry("")]),
    ] as [(String, [TOCEntry])])
    func entries(toc: String, expected: [TOCEntry]) throws {
        #expect(try Self.read(toc).entries == expected)
    }

    @Test("An entry whose file is missing is reported on the line of its href")
    func missingTarget() throws {
        let diagnostics = try Self.read("- name: A\n  items:\n  - name: Gone\n    href: a/three.md\n").diagnostics
        #expect(diagnostics.map(\.code) == [.toc001])
        #expect(diagnostics.first?.location.line == 4)
        #expect(diagnostics.first?.message == "TOC entry 'Gone' points to a/three.md, which is not in this locale")
    }

    @Test("A key written twice is not valid YAML: the TOC is dropped with a warning")
    func duplicateKey() throws {
        let read = try Self.read("- name: A\n  name: B\n")
        #expect(read.entries.isEmpty)
        #expect(read.diagnostics.map(\.code) == [.cfg001])
        #expect(read.diagnostics.first?.severity == .warning)
    }
}
