import AdvisoryModel
import SiteBuild
import Testing

@Suite("Translation report")
struct TranslationReportTests {
    @Test("lists missing, lagging and disagreeing translations")
    func report() throws {
        let site = TinySite([
            "zh-CN": [cleanPath: advisory(body: "此问题与 CVE-2008-0001 有关。"), "SecurityAdvisories/2008/900002.md": advisory(id: "900002", title: "Microsoft 安全通报 900002")],
            "ja-JP": [cleanPath: advisory(dateLine: "发布时间: 2008年6月13日 | 更新时间: 2008年6月16日",
                                          revisions: "-   V1.0（2008 年 6 月 13 日）： 已发布通报。\n-   V2.0（2008 年 6 月 16 日）： 已更新通报。",
                                          body: "此问题与 CVE-2008-0002 有关。")],
            "de-DE": [cleanPath: advisory(body: "此问题与 CVE-2008-0001 有关。")],
        ])
        let built = try site.check()
        let report = TranslationReport(documents: built.documents, locales: ["de-DE", "ja-JP", "zh-CN"])
        let first = try #require(report.entries.first { $0.key == "900001" })
        #expect(first.locales == ["de-DE", "ja-JP", "zh-CN"])
        #expect(first.missing.isEmpty)
        #expect(first.lagging == ["ja-JP"])
        #expect(first.newest == "2008-06-17")
        #expect(first.disagreeing == ["ja-JP"])
        let second = try #require(report.entries.first { $0.key == "900002" })
        #expect(second.missing == ["de-DE", "ja-JP"])
        #expect(report.text.contains("3 advisories") == false)
        #expect(report.text.hasSuffix("2 advisories: 1 missing in a locale, 1 with a lagging translation, 1 with differing ids"))
    }
}

@Suite("Translation report: fields compared with the default locale")
struct TranslationDifferenceTests {
    @Test("severity, CVE set, KB number and revision count are compared with the default locale's")
    func differences() throws {
        let bulletin = DiagnosticCodeTests.bulletinText
        let path = "SecurityBulletins/2008/ms08-001.md"
        let site = TinySite([
            "zh-CN": [path: bulletin, cleanPath: advisory()],
            "de-DE": [path: bulletin.replacingOccurrences(of: "**最高严重等级：** 重要", with: "**最高严重等级：** 严重")
                .replacingOccurrences(of: "CVE-2007-0069", with: "CVE-2007-0069 和 CVE-2007-0066"),
                      cleanPath: advisory()],
            "ja-JP": [path: bulletin.replacingOccurrences(of: "(941644)", with: "(941645)"),
                      cleanPath: advisory(revisions: "-   V1.0（2008 年 6 月 13 日）： 已发布通报。")],
        ])
        let built = try site.check()
        let report = TranslationReport(documents: built.documents, locales: ["zh-CN", "de-DE", "ja-JP"], defaultLocale: "zh-CN")
        let bulletinEntry = try #require(report.entries.first { $0.id.lowercased() == "ms08-001" })
        #expect(bulletinEntry.differences == ["de-DE": ["severity", "cves"], "ja-JP": ["kb"]])
        let advisoryEntry = try #require(report.entries.first { $0.id == "900001" })
        #expect(advisoryEntry.differences == ["ja-JP": ["revisions"]])
        #expect(report.text.contains("de-DE differs from zh-CN in 1 advisories: severity 1, cves 1"))
        #expect(report.text.contains("ja-JP differs from zh-CN in 2 advisories: kb 1, revisions 1"))
    }
}
