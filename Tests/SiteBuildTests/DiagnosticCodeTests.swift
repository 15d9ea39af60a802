import AdvisoryModel
import Foundation
import SiteBuild
import Testing

/// A small site written to a temporary folder: locale → relative path → bytes.
struct TinySite {
    var files: [String: [String: [UInt8]]]
    var limits: (bytes: Int, nesting: Int)? = nil

    init(_ files: [String: [String: String]]) {
        self.files = files.mapValues { $0.mapValues { Array($0.utf8) } }
    }

    /// Writes the files and loads them the way `herald check` does.
    func check() throws -> BuildReport {
        let root = temporaryFolder("codes")
        var locales: [LocaleSource] = []
        for (locale, documents) in files.sorted(by: { $0.key < $1.key }) {
            let folder = root.appendingPathComponent(locale.lowercased())
            for (path, bytes) in documents {
                let url = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
            locales.append(LocaleSource(tag: locale, content: folder.path))
        }
        var configuration = SiteConfiguration(defaultLocale: locales.first?.tag ?? "zh-CN", locales: locales,
                                              publisher: Publisher(name: "Example PSIRT", namespace: "https://example.com"), output: root.appendingPathComponent("site").path,
                                              templates: projectRoot.appendingPathComponent("templates").path, root: root.path)
        if let limits {
            configuration.limits.maximumFileBytes = limits.bytes
            configuration.limits.maximumNesting = limits.nesting
        }
        return SiteBuilder(configuration: configuration).build(options: BuildOptions(write: false))
    }
}

/// A clean zh-CN advisory; every case below changes one thing about it.
func advisory(id: String = "900001", frontMatter: String? = nil, title: String = "Microsoft 安全通报 900001",
              dateLine: String = "发布时间: 2008年6月13日 | 更新时间: 2008年6月17日", version: String = "2.0",
              revisions: String = "-   V1.0（2008 年 6 月 13 日）： 已发布通报。\n-   V2.0（2008 年 6 月 17 日）： 已更新通报。",
              body: String = "此通报讨论测试软件中的一个问题，请安装 [Microsoft 知识库文章 900001](https://support.microsoft.com/kb/900001) 中的更新。") -> String {
    let front = frontMatter ?? "---\nTOCTitle: \(id)\nTitle: \(title)\nms:assetid: \(id)\n---\n"
    return """
    \(front)
    \(title)
    =========================

    测试软件阻止部署安全更新
    ------------------------

    \(dateLine)

    **版本：** \(version)

    \(body)

    **修订版本：**

    \(revisions)

    """
}

let cleanPath = "SecurityAdvisories/2008/900001.md"

@Suite("Each diagnostic code: one document that triggers it, and the clean one that does not")
struct DiagnosticCodeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var code: DiagnosticCode
        var files: [String: [String: String]]
        var rawFile: [UInt8]? = nil
        var limits: (bytes: Int, nesting: Int)? = nil
        var testDescription: String { code.rawValue }
    }

    static let bulletinText = """
    ---
    TOCTitle: 'MS08-001'
    Title: 'Microsoft 安全公告 MS08-001 - 严重'
    ms:assetid: 'ms08-001'
    ---

    Microsoft 安全公告 MS08-001 - 严重
    ==================================

    Windows 中的漏洞 (941644)
    -------------------------

    发布时间: 2008年1月8日

    **版本：** 1.0

    **最高严重等级：** 重要

    此安全更新解决 CVE-2007-0069 中的漏洞。

    **修订版本：**

    -   V1.0（2008 年 1 月 8 日）： 已发布公告。

    """

    static let traditional = String(repeating: "這個更新與發佈的軟體相關，對於問題的資訊會經過時間處理。", count: 4)

    static let cases: [Case] = [
        Case(code: .fm001, files: ["zh-CN": [cleanPath: advisory(frontMatter: "---\nTOCTitle: 900001\nTitle: Microsoft 安全通报: 900001: 测试\nms:assetid: 900001\n---\n")]]),
        Case(code: .fm002, files: ["zh-CN": [cleanPath: "---\nTOCTitle: 900001\n" + advisory(frontMatter: "")]]),
        Case(code: .fm003, files: ["zh-CN": [cleanPath: advisory(frontMatter: "")]]),
        Case(code: .fm004, files: ["zh-CN": [cleanPath: "\n" + advisory()]]),
        Case(code: .doc001, files: ["zh-CN": [cleanPath: "正文没有标题。\n"]]),
        Case(code: .doc002, files: ["zh-CN": [cleanPath: ""]]),
        Case(code: .doc003, files: ["zh-CN": [cleanPath: advisory(body: "第二个标题\n==========\n\n正文。")]]),
        Case(code: .date001, files: ["zh-CN": [cleanPath: advisory(dateLine: "没有日期的一行。", revisions: "-   V1.0： 已发布通报。\n-   V2.0： 已更新通报。")]]),
        Case(code: .date002, files: ["zh-CN": [cleanPath: advisory(dateLine: "发布时间: 2008年6月17日 | 更新时间: 2008年6月13日",
                                                                      revisions: "-   V1.0（2008 年 6 月 17 日）： 已发布通报。\n-   V2.0（2008 年 6 月 18 日）： 已更新通报。")]]),
        Case(code: .date003, files: ["zh-CN": [cleanPath: advisory(dateLine: "发布时间: 2008年6月13日 | 更新时间: 2008年6月31日")]]),
        Case(code: .date004, files: ["zh-CN": [cleanPath: advisory(dateLine: "发布时间: 2008年6月12日 | 更新时间: 2008年6月17日")]]),
        Case(code: .rev001, files: ["zh-CN": [cleanPath: advisory(revisions: "").replacingOccurrences(of: "**修订版本：**", with: "其他信息")]]),
        Case(code: .rev002, files: ["zh-CN": [cleanPath: advisory(revisions: "-   已发布通报，没有版本也没有日期。\n-   V2.0（2008 年 6 月 17 日）： 已更新通报。")]]),
        Case(code: .rev003, files: ["zh-CN": [cleanPath: advisory(revisions: "-   V2.0（2008 年 6 月 17 日）： 已更新通报。\n-   V1.0（2008 年 6 月 13 日）： 已发布通报。")]]),
        Case(code: .ver001, files: ["zh-CN": [cleanPath: advisory(version: "1.0")]]),
        Case(code: .ver002, files: ["zh-CN": ["SecurityBulletins/2008/ms08-001.md": bulletinText.replacingOccurrences(of: "**版本：** 1.0\n", with: "")]]),
        Case(code: .id001, files: ["zh-CN": [cleanPath: advisory(), "SecurityAdvisories/2009/900001.md": advisory()]]),
        Case(code: .id002, files: ["zh-CN": [cleanPath: advisory(frontMatter: "---\nTOCTitle: 900001\nTitle: Microsoft 安全通报 900001\nms:assetid: 900002\n---\n")]]),
        Case(code: .kb001, files: ["zh-CN": ["SecurityBulletins/2008/ms08-001.md": bulletinText.replacingOccurrences(of: " (941644)", with: "")]]),
        Case(code: .sev001, files: ["zh-CN": ["SecurityBulletins/2008/ms08-001.md": bulletinText]]),
        Case(code: .link001, files: ["zh-CN": [cleanPath: advisory(body: "参见 [另一篇](missing.md)。")]]),
        Case(code: .link002, files: ["zh-CN": [cleanPath: advisory(body: "参见 [内部站点](https://intranet/path)。")]]),
        Case(code: .anch001, files: ["zh-CN": [cleanPath: advisory(body: "参见 [上文](#nowhere)。")]]),
        Case(code: .img001, files: ["zh-CN": [cleanPath: advisory(body: "![图](images/none.png)")]]),
        Case(code: .l10n001, files: ["zh-CN": [cleanPath: advisory(body: traditional)]]),
        Case(code: .loc001, files: ["zh-CN": ["SecurityBulletins/2008/ms08-001.md": bulletinText.replacingOccurrences(of: " - 严重", with: " - 超级")]]),
        Case(code: .loc002, files: ["zh-CN": [cleanPath: advisory().replacingOccurrences(of: "**修订版本：**", with: "其他信息")]]),
        Case(code: .loc003, files: ["zh-CN": [cleanPath: advisory(dateLine: "公布于: 2008年6月13日")]]),
        Case(code: .loc004, files: ["zh-CN": [cleanPath: advisory(dateLine: "发布时间: 2008 年夏季")]]),
        Case(code: .xloc001, files: [
            "zh-CN": [cleanPath: advisory(body: "此问题与 CVE-2008-0001 有关。")],
            "de-DE": [cleanPath: advisory(body: "此问题与 CVE-2008-0002 有关。")],
        ]),
        Case(code: .xloc002, files: [
            "zh-CN": [cleanPath: advisory()],
            "de-DE": [cleanPath: advisory(dateLine: "发布时间: 2008年6月13日 | 更新时间: 2008年6月16日",
                                          revisions: "-   V1.0（2008 年 6 月 13 日）： 已发布通报。\n-   V2.0（2008 年 6 月 16 日）： 已更新通报。")],
        ]),
        Case(code: .html001, files: ["zh-CN": [cleanPath: advisory(body: "<script>alert(1)</script>\n\n正文。")]]),
        Case(code: .html002, files: ["zh-CN": [cleanPath: advisory(body: "<PUBLICKEY>abc</PUBLICKEY>\n\n正文。")]]),
        Case(code: .emph001, files: ["zh-CN": [cleanPath: advisory(body: "此通报讨论**未闭合的强调。")]]),
        Case(code: .enc001, files: [:], rawFile: Array(advisory().utf8) + [0xFF, 0xFE, 0x0A]),
        Case(code: .io002, files: [:], rawFile: Array(advisory().utf8) + [0x00, 0x01]),
        Case(code: .limit001, files: ["zh-CN": [cleanPath: advisory()]], limits: (bytes: 100, nesting: 64)),
        Case(code: .limit002, files: ["zh-CN": [cleanPath: advisory(body: String(repeating: ">", count: 30) + " 深")]], limits: (bytes: 1 << 20, nesting: 8)),
        Case(code: .toc001, files: ["zh-CN": [cleanPath: advisory(), "TOC.yml": "- name: Missing\n  href: ./SecurityAdvisories/2008/000000.md\n"]]),
    ]

    @Test("the code is reported", arguments: cases)
    func triggers(_ testCase: Case) throws {
        var site = TinySite(testCase.files)
        if let raw = testCase.rawFile { site.files = ["zh-CN": [cleanPath: raw]] }
        site.limits = testCase.limits
        let report = try site.check()
        let found = report.diagnostics.filter { $0.code == testCase.code }
        #expect(!found.isEmpty, "\(testCase.code.rawValue) not reported; got \(report.diagnostics.map(\.formatted))")
        for diagnostic in found {
            #expect(diagnostic.location.line >= 1, "\(diagnostic.formatted) has no line")
        }
    }

    @Test("the clean document reports nothing")
    func cleanDocument() throws {
        let report = try TinySite(["zh-CN": [cleanPath: advisory()], "ja-JP": [cleanPath: advisory()]]).check()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.formatted))")
        let advisoryRecord = try #require(report.documents.first { $0.locale == "zh-CN" }?.advisory)
        #expect(advisoryRecord.published == DayDate(year: 2008, month: 6, day: 13))
        #expect(advisoryRecord.updated == DayDate(year: 2008, month: 6, day: 17))
        #expect(advisoryRecord.version == "2.0")
        #expect(advisoryRecord.revisions.map(\.version) == ["1.0", "2.0"])
    }

    @Test("a symbolic link out of the content folder is refused (IO001)")
    func symlinkOutside() throws {
        let outside = temporaryFolder("outside")
        try Data(advisory().utf8).write(to: outside.appendingPathComponent("secret.md"))
        let root = temporaryFolder("links")
        let content = root.appendingPathComponent("zh-cn")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("SecurityAdvisories/2008"), withIntermediateDirectories: true)
        try Data(advisory().utf8).write(to: content.appendingPathComponent(cleanPath))
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("leak.md").path, withDestinationPath: outside.appendingPathComponent("secret.md").path)
        try FileManager.default.createSymbolicLink(atPath: content.appendingPathComponent("loop").path, withDestinationPath: content.path)
        let configuration = SiteConfiguration(locales: [LocaleSource(tag: "zh-CN", content: content.path)], output: root.appendingPathComponent("site").path,
                                              templates: projectRoot.appendingPathComponent("templates").path, root: root.path)
        let report = SiteBuilder(configuration: configuration).build()
        #expect(report.diagnostics.contains { $0.code == .io001 && $0.location.path.hasSuffix("leak.md") })
        #expect(report.documents.count == 1)
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site/zh-cn/leak/index.html").path))
    }

    @Test("an output folder that cannot be created is reported (IO003) and nothing is published")
    func unwritableOutput() throws {
        let root = temporaryFolder("unwritable")
        let blocker = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let content = root.appendingPathComponent("zh-cn")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("SecurityAdvisories/2008"), withIntermediateDirectories: true)
        try Data(advisory().utf8).write(to: content.appendingPathComponent(cleanPath))
        let configuration = SiteConfiguration(locales: [LocaleSource(tag: "zh-CN", content: content.path)], output: blocker.appendingPathComponent("site").path,
                                              templates: projectRoot.appendingPathComponent("templates").path, root: root.path)
        let report = SiteBuilder(configuration: configuration).build()
        #expect(report.diagnostics.contains { $0.code == .io003 })
        #expect(!report.published)
    }

    @Test("an invalid site.yml is reported (CFG001)", arguments: [
        "baseURL: not a url\n", "rules:\n  NOPE001: error\n", "locales: 12\n",
    ])
    func invalidConfiguration(_ text: String) throws {
        let folder = temporaryFolder("config")
        let path = folder.appendingPathComponent("site.yml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: LoadFailure.self) { try SiteConfiguration.load(path: path) }
    }

    @Test("a template that produces malformed pages fails the build (OUT001)")
    func malformedTemplate() throws {
        let root = temporaryFolder("template")
        let templates = root.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: projectRoot.appendingPathComponent("templates"), to: templates)
        try Data("<!DOCTYPE html>\n<html><body><p>{{{body}}}</div></body></html>\n".utf8).write(to: templates.appendingPathComponent("page.mustache"))
        let content = root.appendingPathComponent("zh-cn")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("SecurityAdvisories/2008"), withIntermediateDirectories: true)
        try Data(advisory().utf8).write(to: content.appendingPathComponent(cleanPath))
        let configuration = SiteConfiguration(locales: [LocaleSource(tag: "zh-CN", content: content.path)], output: root.appendingPathComponent("site").path,
                                              templates: templates.path, root: root.path)
        let report = SiteBuilder(configuration: configuration).build()
        #expect(report.diagnostics.contains { $0.code == .out001 })
        #expect(!report.published)
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("site").path))
    }

    @Test("rules in site.yml change severities and switch codes off")
    func rules() throws {
        let rules: [DiagnosticCode: DiagnosticSeverity?] = [.anch001: .error, .link002: nil]
        var configuration = SiteConfiguration(rules: rules)
        let diagnostics = [
            Diagnostic(.anch001, "a", at: SourceLocation(path: "x.md", line: 1)),
            Diagnostic(.link002, "b", at: SourceLocation(path: "x.md", line: 2)),
        ]
        let changed = configuration.applyRules(to: diagnostics)
        #expect(changed.map(\.code) == [.anch001])
        #expect(changed.first?.severity == .error)
        configuration.rules = [:]
        #expect(configuration.applyRules(to: diagnostics).count == 2)
    }
}
