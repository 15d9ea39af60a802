import AdvisoryModel
import ArgumentParser
import Foundation
import SiteBuild

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder (replaced only when there is no error).")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Print only errors and the summary.")
    var quiet = false

    @Flag(name: .long, help: "Neither read nor write the cache folder: prepare and render every document.")
    var noCache = false

    @Flag(name: .long, help: "Publish a locale whose content folder holds no Markdown (otherwise IO004 keeps the previous site).")
    var allowEmpty = false

    func run() throws {
        let configuration = try site.configurationOrExit()
        let interactive = isatty(2) != 0 && ProcessInfo.processInfo.environment["CI"] == nil && !quiet
        var options = BuildOptions(useCache: !noCache, allowEmpty: allowEmpty)
        let progress = interactive ? ProgressLine() : nil
        if let progress { options.progress = { @Sendable line in progress.show(line) } }
        let report = SiteBuilder(configuration: configuration).build(options: options)
        progress?.finish()
        for diagnostic in report.diagnostics where diagnostic.severity == .error || !quiet && diagnostic.severity == .warning {
            printToStandardError(diagnostic.formatted)
        }
        let summary = String(format: "%d pages (%d documents read, %d pages rendered), %d feeds, %d files (%d unchanged), %d warnings, %d errors, %.2f s",
                             report.pages, report.preparedDocuments, report.renderedPages, report.feeds, report.files, report.unchangedFiles,
                             report.warnings, report.errors, report.seconds)
        print(report.published ? "built \(configuration.output): \(summary)" : "not published: \(summary)")
        if !report.published { throw ExitCode(1) }
    }
}

/// Progress on a terminal for builds that take more than a second: the current step is shown
/// once the build has run for a second, and every later step as it starts.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var current: String?
    private var visible = false
    private var finished = false

    init(after delay: Double = 1) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
            lock.withLock {
                guard !finished else { return }
                visible = true
                if let current { printToStandardError("… " + current) }
            }
        }
    }

    func show(_ line: String) {
        lock.withLock {
            current = line
            if visible && !finished { printToStandardError("… " + line) }
        }
    }

    func finish() {
        lock.withLock { finished = true }
    }
}
