import AdvisoryModel
import Foundation
import SiteBuild
import Testing

/// A copy of the bundled site (site.yml, content/, templates/) in a scratch folder, so that
/// tests can change it and build it again and again.
struct Workspace: Sendable {
    let root: URL

    init(_ name: String) throws {
        root = temporaryFolder(name)
        for item in ["site.yml", "content", "templates"] {
            try FileManager.default.copyItem(at: projectRoot.appendingPathComponent(item), to: root.appendingPathComponent(item))
        }
    }

    var output: URL { root.appendingPathComponent("site") }

    func configuration(output: URL? = nil) throws -> SiteConfiguration {
        var configuration = try SiteConfiguration.load(path: root.appendingPathComponent("site.yml").path)
        configuration.output = (output ?? self.output).path
        return configuration
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    func write(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func replace(_ relative: String, _ old: String, with new: String) throws {
        let text = try read(relative)
        #expect(text.contains(old), "\(relative) does not contain \(old)")
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    /// A build into `site/` that reads and updates the cache folder.
    func incrementalBuild() throws -> BuildReport {
        SiteBuilder(configuration: try configuration()).build()
    }

    /// Every file of a build of the same sources from scratch, without a cache.
    func freshBuild(_ name: String) throws -> [String: Data] {
        let output = root.appendingPathComponent("fresh-\(name)/site")
        let report = SiteBuilder(configuration: try configuration(output: output)).build(options: BuildOptions(useCache: false))
        #expect(report.published, "the fresh build after '\(name)' failed: \(report.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
        defer { try? FileManager.default.removeItem(at: output.deletingLastPathComponent()) }
        return filesBelow(output)
    }
}

@Suite("Incremental builds", .serialized)
struct IncrementalBuildTests {
    static let advisory = "content/zh-cn/SecurityAdvisories/2008/954474.md"
    static let bulletin = "content/de-de/SecurityBulletins/2016/ms16-001.md"
    static let added = "content/de-de/SecurityAdvisories/2009/971111.md"

    /// A change to the sources, what it should cost, and its name.
    struct Step: Sendable, CustomTestStringConvertible {
        var name: String
        var change: @Sendable (Workspace) throws -> Void
        /// Documents the build must read again; nil: not checked.
        var prepared: Int?
        /// Document pages the build must render again; -1: every page; nil: not checked.
        var rendered: Int?
        var testDescription: String { name }
    }

    static let steps: [Step] = [
        Step(name: "nothing changed", change: { _ in }, prepared: 0, rendered: 0),
        Step(name: "a paragraph added to the body of one document", change: { workspace in
            try workspace.replace(advisory, "**修订版本：**", with: "新增的一段正文，用来检查增量构建。\n\n**修订版本：**")
        }, prepared: 1, rendered: 1),
        Step(name: "one document saved again with the same bytes", change: { workspace in
            try workspace.write(advisory, try workspace.read(advisory))
        }, prepared: 0, rendered: 0),
        Step(name: "the title of one document changed (navigation of the others changes)", change: { workspace in
            try workspace.replace(bulletin, "Title: 'Microsoft Security", with: "Title: 'Geändert – Microsoft Security")
        }, prepared: 1, rendered: -1),
        Step(name: "a document added", change: { workspace in
            let original = try workspace.read("content/de-de/SecurityAdvisories/2008/954474.md")
            try workspace.write(added, original.replacingOccurrences(of: "954474", with: "971111"))
        }, prepared: 1, rendered: -1),
        Step(name: "a document deleted", change: { workspace in
            try workspace.remove(added)
        }, prepared: 0, rendered: -1),
        Step(name: "a template changed", change: { workspace in
            try workspace.replace("templates/page.mustache", "</article>", with: "</article>\n<!-- changed template -->")
        }, prepared: 0, rendered: -1),
        Step(name: "a UI string changed (every document is prepared again)", change: { workspace in
            let strings = "templates/strings/de-DE.yml"
            try workspace.write(strings, try workspace.read(strings) + "\nextraStringForTest: x\n")
        }, prepared: -1, rendered: -1),
        Step(name: "an image added and linked from a document", change: { workspace in
            try workspace.write("content/zh-cn/images/diagram.png", "not really a PNG, but a resource all the same")
            try workspace.replace(advisory, "**修订版本：**", with: "![示意图](../../images/diagram.png)\n\n**修订版本：**")
        }, prepared: 1, rendered: -1),
        Step(name: "two documents edited at once", change: { workspace in
            try workspace.replace(advisory, "新增的一段正文", with: "修改过的一段正文")
            try workspace.replace(bulletin, "Geändert –", with: "Wieder geändert –")
        }, prepared: 2, rendered: -1),
    ]

    @Test("After each change, the incremental build gives byte for byte the site a fresh build gives")
    func incrementalEqualsFresh() throws {
        let workspace = try Workspace("incremental")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let first = try workspace.incrementalBuild()
        #expect(first.published)
        #expect(first.preparedDocuments == first.documents.count, "a cold build reads every document")
        for step in Self.steps {
            try step.change(workspace)
            let report = try workspace.incrementalBuild()
            #expect(report.published, "\(step.name): \(report.diagnostics.filter { $0.severity == .error }.map(\.formatted))")
            let documents = try #require(SiteBuilder(configuration: try workspace.configuration()).build(options: BuildOptions(write: false)).documents.count as Int?)
            if let prepared = step.prepared {
                #expect(report.preparedDocuments == (prepared == -1 ? documents : prepared), "\(step.name): documents read")
            }
            if let rendered = step.rendered {
                #expect(report.renderedPages == (rendered == -1 ? documents : rendered), "\(step.name): pages rendered")
            }
            let incremental = filesBelow(workspace.output)
            let fresh = try workspace.freshBuild(step.name.filter(\.isLetter))
            #expect(incremental.keys.sorted() == fresh.keys.sorted(), "\(step.name): the two sites have different files")
            for (path, data) in fresh where incremental[path] != data {
                Issue.record("\(step.name): \(path) differs from the fresh build")
            }
        }
    }

    @Test("A no-op build writes nothing and keeps every file's inode")
    func noOpKeepsFiles() throws {
        let workspace = try Workspace("noop")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(try workspace.incrementalBuild().published)
        let page = workspace.output.appendingPathComponent("zh-cn/securityadvisories/2008/954474/index.html").path
        let before = try FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int
        let report = try workspace.incrementalBuild()
        #expect(report.published && report.files == report.unchangedFiles && report.renderedPages == 0 && report.preparedDocuments == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int == before)
    }

    @Test("An output file deleted or changed by hand is written again by the next build, which is not a no-op")
    func outputFileChangedByHand() throws {
        let workspace = try Workspace("by-hand")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(try workspace.incrementalBuild().published)
        let before = filesBelow(workspace.output)
        let page = workspace.output.appendingPathComponent("zh-cn/securityadvisories/2008/954474/index.html")
        let feed = workspace.output.appendingPathComponent("zh-cn/feed.json")
        try FileManager.default.removeItem(at: page)
        try Data("{}".utf8).write(to: feed)
        let report = try workspace.incrementalBuild()
        #expect(report.published && report.preparedDocuments == 0 && report.renderedPages == 1)
        #expect(filesBelow(workspace.output) == before)
        let again = try workspace.incrementalBuild()
        #expect(again.published && again.files == again.unchangedFiles && again.renderedPages == 0)
    }

    @Test("A record or CSAF file deleted or changed by hand is made again from its document: the cache keeps only page bodies", arguments: [
        ("the record JSON, deleted", "zh-cn/securityadvisories/2008/954474/index.json", nil),
        ("the CSAF document, changed", ".well-known/csaf/white/2008/msa-954474-zh-cn.json", "{}"),
        ("the CSAF SHA-512 line, changed", ".well-known/csaf/white/2008/msa-954474-zh-cn.json.sha512", "0  x.json\n"),
    ] as [(String, String, String?)])
    func payloadFileChangedByHand(name: String, path: String, replacement: String?) throws {
        let workspace = try Workspace("files-by-hand")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(try workspace.incrementalBuild().published)
        let before = filesBelow(workspace.output)
        #expect(before[path] != nil, "\(name): the build writes it")
        let file = workspace.output.appendingPathComponent(path)
        if let replacement { try Data(replacement.utf8).write(to: file) } else { try FileManager.default.removeItem(at: file) }
        let report = try workspace.incrementalBuild()
        #expect(report.published && report.renderedPages == 0, "\(name)")
        #expect(filesBelow(workspace.output) == before, "\(name): the same bytes as the first build")
    }

    @Test("A cache without output stamps (an older Herald's) keeps no file unseen: the site equals a fresh build")
    func cacheWithoutOutputStamps() throws {
        let workspace = try Workspace("no-stamps")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(try workspace.incrementalBuild().published)
        let cache = workspace.root.appendingPathComponent(".herald/cache")
        for name in try FileManager.default.contentsOfDirectory(atPath: cache.path) where name.hasPrefix("outputs-") {
            try FileManager.default.removeItem(at: cache.appendingPathComponent(name))
        }
        try FileManager.default.removeItem(at: workspace.output.appendingPathComponent("zh-cn/feed.json"))
        let report = try workspace.incrementalBuild()
        #expect(report.published && report.preparedDocuments == 0)
        #expect(filesBelow(workspace.output) == (try workspace.freshBuild("no-stamps")))
    }

    @Test("A removed output folder is built again in full from the cache")
    func removedOutputFolder() throws {
        let workspace = try Workspace("removed")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(try workspace.incrementalBuild().published)
        let before = filesBelow(workspace.output)
        try FileManager.default.removeItem(at: workspace.output)
        let report = try workspace.incrementalBuild()
        #expect(report.published && report.preparedDocuments == 0)
        #expect(filesBelow(workspace.output) == before)
    }

    @Test("Two builds of the same output at once: the second waits, both publish, the site is whole")
    func concurrentBuilds() throws {
        let workspace = try Workspace("concurrent")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(try workspace.incrementalBuild().published)
        try workspace.replace(Self.advisory, "**修订版本：**", with: "并发构建的一段正文。\n\n**修订版本：**")
        let configuration = try workspace.configuration()
        let published = Locked([Bool]())
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            let report = SiteBuilder(configuration: configuration).build()
            published.withLock { $0.append(report.published) }
        }
        #expect(published.withLock { $0 } == [true, true])
        #expect(filesBelow(workspace.output) == (try workspace.freshBuild("concurrent")))
    }

    @Test("A corrupt cache is ignored: the build reads everything again")
    func corruptCache() throws {
        let workspace = try Workspace("corrupt")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        #expect(try workspace.incrementalBuild().published)
        let before = filesBelow(workspace.output)
        let cache = workspace.root.appendingPathComponent(".herald/cache")
        let enumerator = FileManager.default.enumerator(atPath: cache.path)
        while let path = enumerator?.nextObject() as? String {
            let url = cache.appendingPathComponent(path)
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                try Data("garbage".utf8).write(to: url)
            }
        }
        try workspace.replace(Self.advisory, "**修订版本：**", with: "一段新正文。\n\n**修订版本：**")
        let report = try workspace.incrementalBuild()
        #expect(report.published)
        let fresh = try workspace.freshBuild("corrupt")
        #expect(filesBelow(workspace.output) == fresh)
        #expect(filesBelow(workspace.output) != before)
    }
}
