import Foundation
import PreviewServer
import SiteBuild

/// The project folder, found from this file.
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A small site in a temporary folder: the project's templates, a `site.yml` and a zh-CN
/// content folder with a good advisory, one without a date, a binary one, a draft, an image,
/// and symbolic links that lead outside the content folder.
struct Fixture {
    let root: URL
    var content: URL { root.appendingPathComponent("content/zh-cn") }
    var configurationFile: String { root.appendingPathComponent("site.yml").path }

    static let good = "SecurityAdvisories/2008/954474.md"
    static let undated = "SecurityAdvisories/2009/971111.md"
    static let binary = "SecurityAdvisories/2010/982222.md"
    static let draft = "SecurityAdvisories/2011/993333.md"
    /// Line of the `Title:` of `undated`, where DATE001 points when there is no date line.
    static let undatedTitleLine = 3

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("herald-preview-\(UUID().uuidString)")
        let files = FileManager.default
        try files.createDirectory(at: root.appendingPathComponent("content/zh-cn"), withIntermediateDirectories: true)
        try files.copyItem(at: projectRoot.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
        try """
        baseURL: https://security-updates.example.org/
        title: Preview test
        defaultLocale: zh-CN
        locales:
          - tag: zh-CN
            content: content/zh-cn
            title: 测试
        templates: templates
        output: site
        publisher:
          name: Example Security Team
          namespace: https://security-updates.example.org

        """.write(toFile: configurationFile, atomically: true, encoding: .utf8)
        try write(Self.good, Self.advisory(number: "954474", body: "原始正文。"))
        try write(Self.undated, """
        ---
        TOCTitle: 971111
        Title: Microsoft 安全通报 971111
        ---

        Security Advisory

        Microsoft 安全通报 971111
        =========================

        没有日期的通报
        --------------

        这份通报没有发布时间。

        """)
        var binary = Data("---\nTitle: 二进制\n---\n".utf8)
        binary.append(contentsOf: [0x00, 0x01, 0x02, 0x41, 0x0A])
        binary.append(Data("最后一行\n".utf8))
        try files.createDirectory(at: content.appendingPathComponent("SecurityAdvisories/2010"), withIntermediateDirectories: true)
        try binary.write(to: content.appendingPathComponent(Self.binary))
        try write(Self.draft, Self.advisory(number: "993333", body: "草稿正文。", draft: true))
        try files.createDirectory(at: content.appendingPathComponent("Images"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).write(to: content.appendingPathComponent("Images/Logo.png"))
        let outside = root.appendingPathComponent("outside")
        try files.createDirectory(at: outside, withIntermediateDirectories: true)
        try "root:x:0:0:secret".write(to: outside.appendingPathComponent("passwd.png"), atomically: true, encoding: .utf8)
        try Self.advisory(number: "900000", body: "SECRET OUTSIDE").write(to: outside.appendingPathComponent("900000.md"), atomically: true, encoding: .utf8)
        try files.createSymbolicLink(atPath: content.appendingPathComponent("Images/secret.png").path, withDestinationPath: outside.appendingPathComponent("passwd.png").path)
        try files.createSymbolicLink(atPath: content.appendingPathComponent("SecurityAdvisories/2008/900000.md").path, withDestinationPath: outside.appendingPathComponent("900000.md").path)
    }

    static func advisory(number: String, body: String, draft: Bool = false) -> String {
        """
        ---
        TOCTitle: \(number)
        Title: Microsoft 安全通报 \(number)
        \(draft ? "draft: true\n" : "")---

        Security Advisory

        Microsoft 安全通报 \(number)
        =========================

        测试通报 \(number)
        ------------------

        发布时间: 2008年6月13日 | 更新时间: 2008年6月17日

        \(body)

        有关详细信息，请参阅 [Microsoft 知识库文章 \(number)](https://support.microsoft.com/kb/\(number))。

        **修订版本：**

        -   2008 年 6 月 13 日： 已发布通报。
        -   2008 年 6 月 17 日： 已更新通报。

        """
    }

    func write(_ relative: String, _ text: String) throws {
        let url = content.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func path(_ relative: String) -> String { content.appendingPathComponent(relative).path }

    func configuration() throws -> SiteConfiguration {
        try SiteConfiguration.load(path: configurationFile)
    }

    func site() throws -> PreviewSite {
        let file = configurationFile
        return try PreviewSite(configurationFile: file, loadConfiguration: { try SiteConfiguration.load(path: file) })
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
