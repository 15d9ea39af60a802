import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteBuild

/// The repository root (for `templates/` and `content/`).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A fresh empty folder under the system temporary folder.
func scratchFolder(_ label: String) -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("herald-hostile-\(label)-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// True when the tests run as root, where file permissions do not stop reads or writes.
let runningAsRoot = getuid() == 0

/// The clean document every catalogue site contains next to the hostile file.
let goodPath = "SecurityAdvisories/2008/900001.md"
/// Where the clean document's page lands in the output folder.
let goodPage = "zh-cn/securityadvisories/2008/900001/index.html"

/// A clean zh-CN advisory (the same shape as the diagnostic-code tests use).
func cleanAdvisory(id: String = "900001", title: String? = nil, subtitle: String = "测试软件阻止部署安全更新",
                   frontMatter: String? = nil, body: String = "此通报讨论测试软件中的一个问题，请安装 [Microsoft 知识库文章 900001](https://support.microsoft.com/kb/900001) 中的更新。") -> String {
    let title = title ?? "Microsoft 安全通报 \(id)"
    let front = frontMatter ?? "---\nTOCTitle: \(id)\nTitle: \(title)\nms:assetid: \(id)\n---\n"
    return """
    \(front)
    \(title)
    =========================

    \(subtitle)
    ------------------------

    发布时间: 2008年6月13日 | 更新时间: 2008年6月17日

    **版本：** 2.0

    \(body)

    **修订版本：**

    -   V1.0（2008 年 6 月 13 日）： 已发布通报。
    -   V2.0（2008 年 6 月 17 日）： 已更新通报。

    """
}

/// A one-locale site in a temporary folder: `root/zh-cn` content, `root/site` output.
struct ScratchSite {
    let root: URL
    var content: URL { root.appendingPathComponent("zh-cn") }
    var output: URL { outputOverride ?? root.appendingPathComponent("site") }
    /// Another output folder (unwritable-output cases).
    var outputOverride: URL?
    var limits = InputLimits()

    init(_ label: String) throws {
        root = scratchFolder(label)
        try write(goodPath, Array(cleanAdvisory().utf8))
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let url = content.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    var configuration: SiteConfiguration {
        var configuration = SiteConfiguration(defaultLocale: "zh-CN", locales: [LocaleSource(tag: "zh-CN", content: content.path)],
                                              output: output.path, templates: repositoryRoot.appendingPathComponent("templates").path,
                                              limits: limits, root: root.path)
        configuration.limits = limits
        return configuration
    }

    func build(options: BuildOptions = BuildOptions()) -> BuildReport {
        SiteBuilder(configuration: configuration).build(options: options)
    }
}

/// Every file below `folder` (relative path → bytes), hidden staging folders included.
func snapshot(of folder: URL) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
    let base = folder.standardizedFileURL.path
    for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
        files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = FileManager.default.contents(atPath: url.path)
    }
    return files
}

/// Runs `body` and returns its result with the wall time it took.
func measured<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    var result: T?
    let elapsed = try clock.measure { result = try body() }
    return (result!, elapsed)
}

/// A hang guard, not a benchmark: generous enough never to flake on a loaded machine.
let hangGuard = Duration.seconds(60)

extension Diagnostic {
    var summary: String { "\(code.rawValue) \(severity.rawValue) \(location.path.split(separator: "/").last ?? ""):\(location.line) \(message.prefix(120))" }
}
