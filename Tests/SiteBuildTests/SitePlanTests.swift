import AdvisoryModel
import Foundation
import Logging
import SiteBuild
import Testing

@Suite("The build as a plan of named steps", .serialized)
struct SitePlanTests {
    @Test("The plan names every file the build writes: per-document outputs, resources and the site-wide files")
    func planMatchesOutput() throws {
        let output = temporaryFolder("plan").appendingPathComponent("site")
        let configuration = try bundledConfiguration(output: output)
        let report = SiteBuilder(configuration: configuration).build(options: BuildOptions(useCache: false))
        #expect(report.published)
        let written = Set(filesBelow(output).keys)
        let snapshot = try SiteSnapshot.load(configuration: configuration).get()
        let plan = snapshot.plan()
        let planned = Set(plan.outputs.map(\.path))
        let siteWide = Set(snapshot.siteOutputs(of: plan).map(\.path))
        #expect(planned.isDisjoint(with: siteWide))
        #expect(planned.union(siteWide) == written, "only written: \(written.subtracting(planned.union(siteWide)).sorted()); only planned: \(planned.union(siteWide).subtracting(written).sorted())")
        // content/ holds 954474, 2269637 and MS16-001 in zh-CN and de-DE and 954474 in ja-JP.
        #expect(plan.documents.count == snapshot.documents.count)
        #expect(plan.documents.allSatisfy { $0.page.check == .wellFormed && $0.record.check == .none })
        #expect(written.contains(".well-known/csaf/provider-metadata.json"))
        let csafFiles = plan.documents.flatMap(\.csaf).map(\.path)
        #expect(!csafFiles.isEmpty && csafFiles.allSatisfy { $0.hasPrefix(".well-known/csaf/white/") })
    }

    @Test("A draft is left out of the published documents unless drafts are included; the others stay in their order", arguments: [false, true])
    func draftsLeftOut(_ includeDrafts: Bool) throws {
        let folder = temporaryFolder("drafts-\(includeDrafts)")
        let content = folder.appendingPathComponent("zh-cn/SecurityAdvisories")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        for (number, draft) in [("900001", false), ("900002", true), ("900003", false)] {
            let text = "---\nTitle: Microsoft 安全通报 \(number)\n\(draft ? "draft: true\n" : "")---\n\n# Microsoft 安全通报 \(number)\n\n正文。\n"
            try Data(text.utf8).write(to: content.appendingPathComponent("\(number).md"))
        }
        var configuration = try oneLocaleConfiguration(in: folder, tag: "zh-CN", content: "zh-cn")
        configuration.includeDrafts = includeDrafts
        let report = SiteBuilder(configuration: configuration).build(options: BuildOptions(write: false))
        let published = report.documents.map(\.relativePath)
        #expect(published == (includeDrafts ? ["SecurityAdvisories/900001.md", "SecurityAdvisories/900002.md", "SecurityAdvisories/900003.md"]
                                             : ["SecurityAdvisories/900001.md", "SecurityAdvisories/900003.md"]))
    }

    @Test("A cold build runs the seven named steps in order; a build with nothing changed stops after loading")
    func namedSteps() throws {
        let output = temporaryFolder("steps").appendingPathComponent("site")
        let configuration = try bundledConfiguration(output: output)
        var cache = configuration
        cache.cache = output.deletingLastPathComponent().appendingPathComponent("cache").path
        let lines = Locked<[String]>([])
        let logger = Logger(label: "test") { _ in CollectingHandler(lines: lines) }
        let cold = SiteBuilder(configuration: cache).build(options: BuildOptions(logger: logger))
        let steps = ["load", "prepare documents", "plan", "compare with manifest", "render", "verify", "commit"]
        #expect(cold.steps.map(\.name) == steps)
        #expect(cold.published)
        let logged = lines.withLock { $0 }
        #expect(logged.filter { $0.hasPrefix("step ") }.map { String($0.dropFirst(5).prefix { $0 != ":" }) } == steps)
        #expect(logged.contains("reading documents"))
        let again = SiteBuilder(configuration: cache).build()
        #expect(again.steps.map(\.name) == ["load"])
        #expect(again.published && again.files == cold.files)
    }
}

/// Keeps every message logged at any level.
struct CollectingHandler: LogHandler {
    let lines: Locked<[String]>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append(event.message.description) }
    }
}
