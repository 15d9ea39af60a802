import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteBuild
import Testing

/// Two content files whose outputs land on one path, and the file Herald names in OUT002.
struct PathCollision: CustomTestStringConvertible, Sendable {
    let name: String
    /// Content-relative paths written next to the clean advisory; the last one is reported.
    let files: [String]
    /// The output path named in the message.
    let path: String
    /// What the message names as the other claimant (a content-relative path, or the generated page).
    let other: String
    var testDescription: String { name }
}

@Suite("Every output has its own path: a content root's index.md, and two files claiming one path")
struct OutputPathTests {
    static let landing = """
    ---
    title: 安全通报和公告
    ---
    # 安全通报和公告

    [Microsoft 安全通报 900001](SecurityAdvisories/2008/900001.md)

    """

    @Test("a content root's index.md is published at <locale>/index/ and the home page and record index stay Herald's")
    func rootIndexHasItsOwnPage() throws {
        let site = try ScratchSite("root-index")
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write("index.md", Array(Self.landing.utf8))
        let report = site.build(options: BuildOptions(useCache: false))
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        #expect(!report.diagnostics.contains { $0.code == .out002 })
        #expect(report.documents.map(\.slug).sorted() == ["index", "securityadvisories/2008/900001"])

        let files = snapshot(of: site.output)
        let page = String(decoding: try #require(files["zh-cn/index/index.html"]), as: UTF8.self)
        #expect(page.contains("安全通报和公告"))
        #expect(page.contains("securityadvisories/2008/900001/"), "its link to the advisory is rewritten to the advisory's page")
        let record = try JSONSerialization.jsonObject(with: try #require(files["zh-cn/index/index.json"])) as? [String: Any]
        #expect(record?["title"] as? String == "安全通报和公告")

        let home = String(decoding: try #require(files["zh-cn/index.html"]), as: UTF8.self)
        #expect(home.contains("securityadvisories/2008/900001/"), "the home page lists the advisory")
        #expect(home.contains("zh-cn/index/"), "and the landing document")
        let index = try JSONSerialization.jsonObject(with: try #require(files["zh-cn/index.json"]))
        #expect((index as? [Any])?.isEmpty == false, "the locale's record index is a list, not the landing document's record")
    }

    static let collisions: [PathCollision] = [
        PathCollision(name: "two files whose names differ only in case", files: ["Library/Guide.md", "library/guide.md"],
                      path: "zh-cn/library/guide/index.html", other: "Library/Guide.md"),
        PathCollision(name: "x.md beside x/index.md", files: ["Guide.md", "Guide/index.md"],
                      path: "zh-cn/guide/index.html", other: "Guide.md"),
        PathCollision(name: "a space and a hyphen, which both become '-'", files: ["how to.md", "how-to.md"],
                      path: "zh-cn/how-to/index.html", other: "how to.md"),
        PathCollision(name: "a document named like the search page", files: ["search.md"],
                      path: "zh-cn/search/index.html", other: "a page Herald generates"),
    ]

    @Test("two outputs on one path fail the build with OUT002 at the later file, naming the other; nothing is published",
          arguments: collisions)
    func collisionFailsTheBuild(_ collision: PathCollision) throws {
        let site = try ScratchSite("collision")
        defer { try? FileManager.default.removeItem(at: site.root) }
        for (number, file) in collision.files.enumerated() {
            try site.write(file, Array("---\ntitle: 页面 \(number)\n---\n# 页面 \(number)\n\n正文。\n".utf8))
        }
        let report = site.build(options: BuildOptions(useCache: false))
        let found = report.diagnostics.filter { $0.code == .out002 }
        #expect(found.count == 1, "\(report.diagnostics.map(\.formatted))")
        let diagnostic = try #require(found.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location.path == site.content.appendingPathComponent(collision.files.last!).path)
        #expect(diagnostic.message.hasPrefix(collision.path + " "), "\(diagnostic.message)")
        let other = collision.other.hasSuffix(".md") ? site.content.appendingPathComponent(collision.other).path : collision.other
        #expect(diagnostic.message.contains(other), "\(diagnostic.message)")
        #expect(!report.published)
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "no output folder is left behind")
    }
}
