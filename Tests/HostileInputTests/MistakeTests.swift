import AdvisoryModel
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A project as a new user lays it out: `site.yml`, `content/zh-cn/` with one clean advisory, and
/// the output `site/`; `herald` runs in its folder.
struct UserProject {
    let root: URL
    var content: URL { root.appendingPathComponent("content/zh-cn") }
    var output: URL { root.appendingPathComponent("site") }

    /// `site.yml` as the tests write it; line 5 holds the locale tag (column 10).
    static func siteYAML(publisher: Bool = true, tag: String = "zh-CN", extra: String = "") -> String {
        """
        baseURL: https://advisories.example.com/
        title: Example Security Updates
        defaultLocale: zh-CN
        locales:
          - tag: \(tag)
            content: content/zh-cn
        templates: \(repositoryRoot.appendingPathComponent("templates").path)
        output: site
        \(publisher ? "publisher:\n  name: Example PSIRT\n  namespace: https://example.com\n" : "")\(extra)
        """
    }

    init(_ label: String, siteYAML: String? = Self.siteYAML()) throws {
        root = scratchFolder("mistake-" + label)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("SecurityAdvisories/2008"), withIntermediateDirectories: true)
        try Data(cleanAdvisory().utf8).write(to: content.appendingPathComponent(goodPath))
        if let siteYAML { try writeConfiguration(siteYAML) }
    }

    func writeConfiguration(_ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("site.yml"))
    }

    /// Runs `herald ARGUMENTS` in the project folder: exit status, standard output and standard error.
    func herald(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let logs = scratchFolder("mistake-logs")
        defer { try? FileManager.default.removeItem(at: logs) }
        let outURL = logs.appendingPathComponent("out"), errURL = logs.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(heraldBinary))
        process.arguments = arguments
        process.currentDirectoryURL = root
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        let guardTimer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: guardTimer)
        process.waitUntilExit()
        guardTimer.cancel()
        let read = { (url: URL) in String(decoding: (try? Data(contentsOf: url)) ?? Data(), as: UTF8.self) }
        return (process.terminationStatus, read(outURL), read(errURL))
    }
}

@Suite("A user's mistakes: a clear error, nothing wrong published", .serialized, .enabled(if: heraldBinary != nil))
struct MistakeTests {
    struct Mistake: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        /// Lines standard error must hold, with `ROOT` for the project folder.
        var messages: [String]
        /// `site.yml` for the mistaken build (nil: keep the one of the first build).
        var configuration: String? = nil
        /// Remove the advisory before the mistaken build (an empty content folder).
        var emptyContent = false
        /// Remove `site.yml` before the mistaken build.
        var noConfiguration = false
        var testDescription: String { name }
    }

    static let configurationLines = UserProject.siteYAML().split(separator: "\n", omittingEmptySubsequences: false).count

    static let refused: [Mistake] = [
        Mistake(name: "--config names a file that does not exist", arguments: ["build", "--config", "nope.yml", "--content", "zh-CN=content/zh-cn"],
                messages: ["nope.yml:1:1: error[CFG001]: the configuration file nope.yml does not exist; create it (README, \"Configuration reference\") or pass --config PATH"]),
        Mistake(name: "no site.yml and no --content", arguments: ["build"],
                messages: ["site.yml:1:1: error[CFG001]: the configuration file site.yml does not exist; create it (README, \"Configuration reference\") or pass --config PATH"],
                noConfiguration: true),
        Mistake(name: "a misspelt key", arguments: ["build"],
                messages: ["site.yml:\(configurationLines):1: error[CFG001]: unknown key `feedLenght` in the configuration; did you mean `feedLength`?"],
                configuration: UserProject.siteYAML(extra: "feedLenght: 20\n")),
        Mistake(name: "baseUrl for baseURL", arguments: ["build"],
                messages: ["site.yml:\(configurationLines):1: error[CFG001]: unknown key `baseUrl` in the configuration; did you mean `baseURL`?"],
                configuration: UserProject.siteYAML(extra: "baseUrl: https://example.org/\n")),
        Mistake(name: "a value of the wrong type", arguments: ["build"],
                messages: ["site.yml:\(configurationLines):13: error[CFG001]: `feedLength` must be a whole number ≥ 1, not 'fifty'"],
                configuration: UserProject.siteYAML(extra: "feedLength: fifty\n")),
        Mistake(name: "a YAML syntax error", arguments: ["build"],
                messages: ["site.yml:\(configurationLines):9: error[CFG001]: not valid YAML: mapping values are not allowed in this context"],
                configuration: UserProject.siteYAML(extra: "title: a: b\n")),
        Mistake(name: "a default locale that is not built", arguments: ["build"],
                messages: ["site.yml:1:1: error[CFG001]: defaultLocale 'de-DE' is not one of the locales built (zh-CN); set it to one of them"],
                configuration: UserProject.siteYAML().replacingOccurrences(of: "defaultLocale: zh-CN", with: "defaultLocale: de-DE")),
        Mistake(name: "an empty content folder", arguments: ["build"],
                messages: ["ROOT/content/zh-cn:1:1: error[IO004]: the content folder of zh-CN holds no Markdown file; the previous site is kept (pass --allow-empty to publish the locale without documents)"],
                emptyContent: true),
        Mistake(name: "a content folder that does not exist", arguments: ["build", "--content", "zh-CN=content/zh-tw"],
                messages: ["ROOT/content/zh-tw:1:1: error[IO004]: the content folder of zh-CN does not exist; check `locales` in site.yml or --content"]),
        Mistake(name: "an underscore in a --content locale tag", arguments: ["build", "--content", "zh_CN=content/zh-cn"],
                messages: ["--content zh_CN=content/zh-cn:1:1: error[CFG001]: locale tag 'zh_CN' is not a BCP 47 language tag (subtags of letters and digits joined by '-'); write it 'zh-CN'"]),
        Mistake(name: "an underscore in a site.yml locale tag", arguments: ["build"],
                messages: ["site.yml:5:10: error[CFG001]: locale tag 'zh_CN' is not a BCP 47 language tag (subtags of letters and digits joined by '-'); write it 'zh-CN'"],
                configuration: UserProject.siteYAML(tag: "zh_CN")),
        Mistake(name: "the content folder as the output", arguments: ["build", "--out", "content/zh-cn"],
                messages: ["ROOT/content/zh-cn:1:1: error[IO003]: the output folder ROOT/content/zh-cn is or contains the source folder ROOT/content/zh-cn; refusing to replace it (choose another --out)"]),
        Mistake(name: "an output inside the content folder", arguments: ["build", "--out", "content/zh-cn/site"],
                messages: ["ROOT/content/zh-cn/site:1:1: error[IO003]: the output folder ROOT/content/zh-cn/site lies inside the content folder ROOT/content/zh-cn; choose an --out outside it"]),
        Mistake(name: "the project folder (a parent of content) as the output", arguments: ["build", "--out", "."],
                messages: ["ROOT:1:1: error[IO003]: the output folder ROOT is or contains the source folder ROOT/content/zh-cn; refusing to replace it (choose another --out)"]),
    ]

    @Test("a refused build exits 1 with the message, and leaves the previous site, the content and every other file as they were", arguments: refused)
    func refusedBuild(_ mistake: Mistake) throws {
        let project = try UserProject("refused")
        defer { try? FileManager.default.removeItem(at: project.root) }
        let first = try project.herald(["build", "--quiet"])
        #expect(first.status == 0, "\(first.errors)")
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("zh-cn/index.html").path))
        if let configuration = mistake.configuration { try project.writeConfiguration(configuration) }
        if mistake.noConfiguration { try FileManager.default.removeItem(at: project.root.appendingPathComponent("site.yml")) }
        if mistake.emptyContent { try FileManager.default.removeItem(at: project.content.appendingPathComponent("SecurityAdvisories")) }
        let before = snapshot(of: project.root)

        let result = try project.herald(mistake.arguments)
        #expect(result.status == 1)
        let lines = result.errors.split(separator: "\n").map(String.init)
        for message in mistake.messages {
            #expect(lines.contains(message.replacingOccurrences(of: "ROOT", with: project.root.path)), "\(result.errors)")
        }
        #expect(!result.errors.contains("Usage:"), "a mistake is not a usage error")
        #expect(snapshot(of: project.root) == before, "nothing is written: site, content, cache and lock stay as they were")
    }

    @Test("README's common mistakes show each message as the binary prints it (paths shortened to …)")
    func readmeCommonMistakes() throws {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Common mistakes").dropFirst().first?.components(separatedBy: "\n## ").first)
        for mistake in Self.refused {
            for message in mistake.messages {
                #expect(section.contains(message.replacingOccurrences(of: "ROOT", with: "…")), "\(mistake.name)")
            }
        }
    }

    @Test("without a publisher no CSAF provider is written, nothing names a publisher the user did not configure, and CFG002 says what to add",
          arguments: [["build"], ["build", "--content", "zh-CN=content/zh-cn", "--out", "site"]])
    func noBorrowedIdentity(_ arguments: [String]) throws {
        let withFile = arguments.count == 1
        let project = try UserProject("publisher", siteYAML: withFile ? UserProject.siteYAML(publisher: false) : nil)
        defer { try? FileManager.default.removeItem(at: project.root) }
        if !withFile {
            // Without site.yml the templates are found in the project folder, as a new user's project has them.
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("templates"), to: project.root.appendingPathComponent("templates"))
        }
        let result = try project.herald(arguments)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.split(separator: "\n").contains("site.yml:1:1: warning[CFG002]: no `publisher` in the configuration: Herald never names a publisher itself, so no CSAF documents or provider-metadata.json are written; add `publisher: {name: <your organisation>, namespace: <its https URL>}`"))
        let site = snapshot(of: project.output)
        #expect(site["zh-cn/index.html"] != nil)
        #expect(!site.keys.contains { $0.hasPrefix(".well-known") })
        for (path, data) in site {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("Microsoft Security Response Center") && !text.contains("msrc.microsoft.com"), "\(path)")
        }
    }

    @Test("--allow-empty publishes a locale whose content folder holds no Markdown")
    func allowEmpty() throws {
        let project = try UserProject("allow-empty")
        defer { try? FileManager.default.removeItem(at: project.root) }
        try FileManager.default.removeItem(at: project.content.appendingPathComponent("SecurityAdvisories"))
        let result = try project.herald(["build", "--allow-empty"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("zh-cn/index.html").path))
    }

    @Test("a well-formed tag outside the registry is warned about (CFG003) and the build goes on")
    func unknownButValidTag() throws {
        let project = try UserProject("tag")
        defer { try? FileManager.default.removeItem(at: project.root) }
        let result = try project.herald(["build", "--content", "xx-YY=content/zh-cn"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.split(separator: "\n").contains("--content xx-YY=content/zh-cn:1:1: warning[CFG003]: locale tag 'xx-YY' is well-formed but not in the IANA language subtag registry; CSAF documents of this locale will be refused (CSAF001). Check the spelling (e.g. zh-CN, de-DE)"))
    }

    @Test("a build keeps its cache and lock in .herald/cache of the project: nothing beside the output, nothing in content")
    func cacheAndLockPlace() throws {
        let project = try UserProject("place")
        defer { try? FileManager.default.removeItem(at: project.root) }
        let content = snapshot(of: project.content)
        let result = try project.herald(["build"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.root.path).sorted() == [".herald", "content", "site", "site.yml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent(".herald").path) == ["cache"])
        let cache = try FileManager.default.contentsOfDirectory(atPath: project.root.appendingPathComponent(".herald/cache").path)
        #expect(cache.contains { $0.hasPrefix("lock-") && $0.hasSuffix(".lock") })
        #expect(snapshot(of: project.content) == content)
    }

    @Test("herald inspect on a missing file, a folder, or a folder without Markdown: the IO error and exit 1", arguments: [
        (["inspect", "nope.md"], "nope.md:1:1: error[IO001]: no such file"),
        (["inspect", "content"], "content:1:1: error[IO001]: is a folder; pass Markdown files, or --stats FOLDER"),
        (["inspect", "--stats", "site.yml.d"], "site.yml.d:1:1: error[IO001]: no such folder"),
        (["inspect", "--stats", "empty"], "empty:1:1: error[IO001]: holds no Markdown (.md) file"),
    ])
    func inspectMistakes(_ arguments: [String], _ message: String) throws {
        let project = try UserProject("inspect")
        defer { try? FileManager.default.removeItem(at: project.root) }
        try FileManager.default.createDirectory(at: project.root.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let result = try project.herald(arguments)
        #expect(result.status == 1)
        #expect(result.output.isEmpty, "no made-up record")
        #expect(result.errors.split(separator: "\n").contains(Substring(message)), "\(result.errors)")
    }

    @Test("herald serve on a port in use says so and how to get a free one")
    func portInUse() throws {
        let project = try UserProject("port")
        defer { try? FileManager.default.removeItem(at: project.root) }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        try #require(bound)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let result = try project.herald(["serve", "--port", String(port)])
        #expect(result.status == 1)
        #expect(result.errors.split(separator: "\n").contains("error: port \(port) is in use; try --port 0 for any free port"), "\(result.errors)")
    }

    @Test("check --explain shows the severity in force under site.yml and the fix; --explain all and --list-codes cover every code")
    func explain() throws {
        let project = try UserProject("explain", siteYAML: UserProject.siteYAML(extra: "rules:\n  ANCH001: note\n  LINK002: off\n"))
        defer { try? FileManager.default.removeItem(at: project.root) }
        let anchor = try project.herald(["check", "--explain", "ANCH001"])
        #expect(anchor.status == 0)
        #expect(anchor.output == "ANCH001 (note, set in site.yml; default warning): An in-page link '#anchor' points to no element id or heading in the document.\n  fix: Correct the '#anchor' or add the heading or id it names.\n")
        let link = try project.herald(["check", "--explain", "link002"])
        #expect(link.output.hasPrefix("LINK002 (off, set in site.yml; default warning): "))
        let image = try project.herald(["check", "--explain", "IMG001"])
        #expect(image.output.hasPrefix("IMG001 (warning, default): "))
        let all = try project.herald(["check", "--explain", "all"])
        #expect(all.output.split(separator: "\n").filter { $0.hasPrefix("  fix: ") }.count == DiagnosticCode.allCases.count)
        let list = try project.herald(["check", "--list-codes"])
        #expect(list.output.split(separator: "\n").map { $0.split(separator: "\t").first.map(String.init) ?? "" } == DiagnosticCode.allCases.map(\.rawValue))
        #expect(list.output.contains("LINK002\toff\t"))
        let unknown = try project.herald(["check", "--explain", "NOPE1"])
        #expect(unknown.status == 1 && unknown.errors.contains("unknown code 'NOPE1'"))
    }

    @Test("SARIF locations are relative to %SRCROOT% (the project folder), with no placeholder informationUri")
    func sarifLocations() throws {
        let project = try UserProject("sarif")
        defer { try? FileManager.default.removeItem(at: project.root) }
        try Data(cleanAdvisory(body: "请参阅[缺失的文件](missing.md)。").utf8).write(to: project.content.appendingPathComponent(goodPath))
        let result = try project.herald(["check", "--format", "sarif"])
        #expect(result.status == 0, "\(result.errors)")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["informationUri"] == nil)
        #expect(((run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: String])?["uri"] == "file://" + project.root.path + "/")
        let results = try #require(run["results"] as? [[String: Any]])
        let link = try #require(results.first { $0["ruleId"] as? String == "LINK001" })
        let location = ((link["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String]
        #expect(location == ["uri": "content/zh-cn/SecurityAdvisories/2008/900001.md", "uriBaseId": "%SRCROOT%"])
    }

    @Test("the JSON Feed _advisory.about page is built and documents every field of the extension")
    func feedExtensionPage() throws {
        let project = try UserProject("about")
        defer { try? FileManager.default.removeItem(at: project.root) }
        #expect(try project.herald(["build", "--quiet"]).status == 0)
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: project.output.appendingPathComponent("zh-cn/feed.json"))) as? [String: Any])
        let fields = try #require(((feed["items"] as? [[String: Any]])?.first)?["_advisory"] as? [String: Any])
        #expect(fields["about"] as? String == "https://advisories.example.com/feed-extension/")
        let page = try String(contentsOf: project.output.appendingPathComponent("feed-extension/index.html"), encoding: .utf8)
        for name in fields.keys + ["severity_raw", "csaf_url", "updated"] {
            #expect(page.contains("<code>\(name)</code>"), "\(name)")
        }
    }
}
