import Foundation
@testable import SiteBuild
import Testing

/// Before a build reads anything, a content folder without Markdown stops it (IO004) unless
/// `--allow-empty` is given; `Preflight.containsMarkdown` is the look that decides.
@Suite("Preflight")
struct PreflightTests {
    static let folders: [(name: String, files: [String], holdsMarkdown: Bool)] = [
        ("Markdown at the top", ["a.md", "img/b.png"], true),
        ("Markdown three folders down, images above it", ["x/img.png", "x/y/z/954474.md"], true),
        ("an upper-case suffix", ["Notes/README.MD"], true),
        ("only images and text", ["img/a.png", "b.txt", "c/d.markdown"], false),
        ("nothing at all", [], false),
    ]

    @Test("A content folder holds Markdown when a name below it ends in .md", arguments: folders)
    func containsMarkdown(_ folder: (name: String, files: [String], holdsMarkdown: Bool)) throws {
        let root = temporaryFolder("preflight")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        for file in folder.files {
            let url = content.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        #expect(Preflight.containsMarkdown(content.path) == folder.holdsMarkdown, "\(folder.name)")
    }

    @Test("A link to a folder of Markdown is not entered, as the content walk does not enter it")
    func linkedFolderIsNotEntered() throws {
        let root = temporaryFolder("preflight-link")
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content")
        let elsewhere = root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("# x".utf8).write(to: elsewhere.appendingPathComponent("a.md"))
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("linked"), withDestinationURL: elsewhere)
        #expect(!Preflight.containsMarkdown(content.path))
        #expect(ContentTree(root: content.path).documents.isEmpty)
    }
}
