import AdvisoryExtraction
import AdvisoryModel
import Foundation
import Logging

/// Builds the site as a list of named steps over one `BuildRun`: load → prepare documents →
/// plan → compare with the manifest → render what changed → verify → commit.
///
/// With a cache folder, a build reuses what the last build of the same output folder made:
/// documents whose file did not change are not read again, pages whose inputs did not change
/// are not rendered again, and unchanged files are not rewritten. The output is byte for byte
/// what a build without a cache gives.
public struct SiteBuilder: Sendable {
    public var configuration: SiteConfiguration

    public init(configuration: SiteConfiguration) {
        self.configuration = configuration
    }

    /// Runs every step. Errors in content are diagnostics in the report; the output folder is
    /// replaced only when there is no error.
    public func build(options: BuildOptions = BuildOptions()) -> BuildReport {
        let problems = Preflight.problems(of: configuration, options: options)
        guard !problems.contains(where: { $0.severity == .error }) else { return BuildReport(diagnostics: problems) }
        let run = BuildRun(configuration: configuration, options: options, preflight: problems)
        // Two builds of the same output folder at once would interleave their commits: the second waits for the first.
        let lock = options.write ? BuildLock(for: run.outputPath, in: configuration.cacheFolder) : nil
        defer { lock?.release() }
        return run.perform()
    }

    /// A digest of every input's stamp: content files, resources, the TOC, configuration and templates.
    static func inputsDigest(trees: [(tag: String, tree: ContentTree)], fingerprints: BuildFingerprints) -> ContentKey {
        var parts = [fingerprints.render]
        for (tag, tree) in trees {
            let problems: [String] = tree.diagnostics.map { $0.formatted }
            parts.append(tag + "|" + tree.root + "|" + problems.joined(separator: ";"))
            for (file, stamp) in tree.stamps.sorted(by: { $0.key < $1.key }) {
                parts.append(file + "=" + stamp)
            }
        }
        return ContentKey(parts: parts)
    }
}

/// One run of `SiteBuilder.build`: the settings every step reads and the report they fill.
/// The steps are in `BuildRun+Steps.swift`, one function each.
final class BuildRun {
    let configuration: SiteConfiguration
    let options: BuildOptions
    let fingerprints: BuildFingerprints
    let outputPath: String
    let cacheFolder: String?
    var report = BuildReport()
    private let steps: BuildSteps

    init(configuration: SiteConfiguration, options: BuildOptions, preflight: [Diagnostic] = []) {
        self.configuration = configuration
        report.diagnostics = preflight
        self.options = options
        fingerprints = BuildFingerprints(configuration: configuration)
        outputPath = URL(fileURLWithPath: configuration.resolve(configuration.output)).standardizedFileURL.path
        cacheFolder = options.useCache ? configuration.cacheFolder : nil
        steps = BuildSteps(logger: options.logger)
    }

    /// Runs the steps and returns the report with the time of each.
    func perform() -> BuildReport {
        runSteps()
        report.steps = steps.finished
        report.seconds = steps.totalSeconds
        return report
    }

    /// The steps in order; a step that returns nil stops the build there.
    private func runSteps() {
        let catalogues = CatalogueWarmUp()
        defer { catalogues.wait() }
        let inputs = steps.run("load") { load(warmingUp: catalogues) }
        if inputs.unchanged { return }
        guard let snapshot = steps.run("prepare documents", { prepareDocuments(inputs) }) else { return }
        let plan = steps.run("plan") { snapshot.plan() }
        guard let target = steps.run("compare with manifest", { compare(plan: plan, snapshot: snapshot, inputs: inputs) }) else {
            report.documents = snapshot.documents
            return
        }
        let rendered = steps.run("render") { render(plan: plan, snapshot: snapshot, target: target) }
        steps.run("verify") { verify(plan: plan, snapshot: snapshot, rendered: rendered) }
        steps.run("commit") { commit(plan: plan, snapshot: snapshot, inputs: inputs, target: target, rendered: rendered) }
        report.readState = BuildReport.ReadState(inputs, snapshot, plan, target, rendered)
    }
}

/// Builds the shared catalogues (locale packs, CLDR date forms, date expressions) on another
/// core from `start()` on, so that the first document to prepare finds them ready. A build with
/// nothing to prepare never starts it.
final class CatalogueWarmUp: Sendable {
    private let warmUp = Locked<Background<Void>?>(nil)

    /// Starts building the catalogues, once.
    func start() {
        warmUp.withLock { warmUp in
            if warmUp == nil { warmUp = Background { _ = DateReader.shared } }
        }
    }

    /// Waits for a started warm-up to finish.
    func wait() { warmUp.withLock { $0 }?.value }
}

/// The named steps of a run as they finish: logged at `debug` (`--verbose`, `HERALD_TIMING=1`).
final class BuildSteps {
    let logger: Logger?
    private(set) var finished: [BuildReport.Step] = []
    private let clock = Stopwatch()

    init(logger: Logger?) { self.logger = logger }

    var totalSeconds: Double { clock.seconds }

    func run<T>(_ name: String, _ body: () -> T) -> T {
        let start = clock.seconds
        let result = body()
        let step = BuildReport.Step(name: name, seconds: clock.seconds - start)
        finished.append(step)
        logger?.debug("\(String(format: "step %@: %.1f ms", name, step.seconds * 1000))")
        return result
    }
}
