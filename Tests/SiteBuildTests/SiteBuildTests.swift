import AdvisoryModel
import Foundation
import SiteBuild
import Testing
import XMLValidation

/// The project folder, found from this file.
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func temporaryFolder(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-tests-\(name)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func bundledConfiguration(output: URL) throws -> SiteConfiguration {
    var configuration = try SiteConfiguration.load(path: projectRoot.appendingPathComponent("site.yml").path)
    configuration.output = output.path
    return configuration
}

/// The configuration of a one-locale site in `folder` (content in `folder/<content>`, the project's
/// templates, output `site`), with `extra` YAML lines, written to `folder/site.yml` and loaded.
func oneLocaleConfiguration(in folder: URL, tag: String, content: String, extra: String = "") throws -> SiteConfiguration {
    let yaml = """
        defaultLocale: \(tag)
        locales:
          - { tag: \(tag), content: \(content) }
        templates: \(projectRoot.appendingPathComponent("templates").path)
        output: site
        \(extra)
        """
    let path = folder.appendingPathComponent("site.yml").path
    _ = FileManager.default.createFile(atPath: path, contents: Data(yaml.utf8))
    return try SiteConfiguration.load(path: path)
}

func filesBelow(_ folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(atPath: folder.path)
    while let path = enumerator?.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let full = folder.appendingPathComponent(path).path
        if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = FileManager.default.contents(atPath: full)
        }
    }
    return files
}

@Suite("Building the bundled content", .serialized)
struct BundledSiteTests {
    @Test("Building twice gives the same bytes")
    func deterministic() throws {
        let first = temporaryFolder("a").appendingPathComponent("site")
        let second = temporaryFolder("b").appendingPathComponent("site")
        let reportA = SiteBuilder(configuration: try bundledConfiguration(output: first)).build()
        let reportB = SiteBuilder(configuration: try bundledConfiguration(output: second)).build()
        #expect(reportA.published && reportB.published)
        let a = filesBelow(first), b = filesBelow(second)
        #expect(a.count > 20)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a { #expect(b[path] == data, "\(path) differs between builds") }
    }

    @Test("The 954474 page shows the record a reader expects")
    func referencePage() throws {
        let output = temporaryFolder("ref").appendingPathComponent("site")
        let report = SiteBuilder(configuration: try bundledConfiguration(output: output)).build()
        #expect(report.errors == 0, "\(report.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        let page = try String(contentsOf: output.appendingPathComponent("zh-cn/securityadvisories/2008/954474/index.html"), encoding: .utf8)
        // Values read by hand from content/zh-cn/SecurityAdvisories/2008/954474.md.
        for expected in [
            "<html lang=\"zh-CN\">", "<h1 id=\"microsoft-安全通报-954474\">Microsoft 安全通报 954474</h1>", "System Center Configuration Manager 2007 阻止部署安全更新",
            "<time datetime=\"2008-06-13\">2008年6月13日</time>", "<time datetime=\"2008-06-17\">2008年6月17日</time>",
            "已发布通报。", "已更新通报，以反映修补程序的可用性。", "href=\"https://support.microsoft.com/kb/954474\"",
            "hreflang=\"de-DE\" href=\"https://security-updates.example.org/de-de/securityadvisories/2008/954474/\"",
            "hreflang=\"x-default\"", "<link rel=\"canonical\" href=\"https://security-updates.example.org/zh-cn/securityadvisories/2008/954474/\" />",
        ] {
            #expect(page.contains(expected), "page lacks \(expected)")
        }
        #expect(!page.contains("**通报目的："), "Markdown after <span></span> must be parsed, not printed")
        let german = try String(contentsOf: output.appendingPathComponent("de-de/securityadvisories/2008/954474/index.html"), encoding: .utf8)
        #expect(german.contains("13. Juni 2008") && german.contains("17. Juni 2008"))
    }

    @Test("Every page, feed and sitemap is well-formed XML")
    func wellFormed() throws {
        let output = temporaryFolder("xml").appendingPathComponent("site")
        let report = SiteBuilder(configuration: try bundledConfiguration(output: output)).build()
        #expect(!report.diagnostics.contains { $0.code == .out001 }, "\(report.diagnostics.filter { $0.code == .out001 }.map(\.formatted))")
        for (path, data) in filesBelow(output) where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            #expect(XMLChecker.wellFormednessProblems(of: [UInt8](data)).isEmpty, "\(path) is not well-formed")
        }
    }

    @Test("JSON Feed items carry the required fields and RFC 3339 dates")
    func jsonFeed() throws {
        let output = temporaryFolder("feed").appendingPathComponent("site")
        _ = SiteBuilder(configuration: try bundledConfiguration(output: output)).build()
        let data = try Data(contentsOf: output.appendingPathComponent("zh-cn/feed.json"))
        let feed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] is String)
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(!items.isEmpty)
        let reference = try #require(items.first { ($0["id"] as? String)?.hasSuffix("/954474/") == true })
        #expect(reference["date_published"] as? String == "2008-06-13T00:00:00Z")
        #expect(reference["date_modified"] as? String == "2008-06-17T00:00:00Z")
        let advisory = try #require(reference["_advisory"] as? [String: Any])
        #expect(advisory["kb"] as? [String] == ["954474"])
        #expect(advisory["cve"] as? [String] == [])
    }

    @Test("A failed build leaves the previous site byte-identical")
    func atomicOutput() throws {
        let parent = temporaryFolder("atomic")
        let output = parent.appendingPathComponent("site")
        #expect(SiteBuilder(configuration: try bundledConfiguration(output: output)).build().published)
        let before = filesBelow(output)
        var broken = try bundledConfiguration(output: output)
        broken.templates = parent.appendingPathComponent("no-templates").path
        let report = SiteBuilder(configuration: broken).build()
        #expect(!report.published)
        #expect(report.diagnostics.contains { $0.code == .cfg001 })
        #expect(filesBelow(output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".site") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }
}
