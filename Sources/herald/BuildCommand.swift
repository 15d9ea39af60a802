import AdvisoryModel
import ArgumentParser
import Foundation
import Logging
import SiteBuild

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the site into the output folder (replaced only when there is no error).")

    @OptionGroup var site: SiteOptions

    @OptionGroup var log: LogOptions

    @Flag(name: .long, help: "Neither read nor write the cache folder: prepare and render every document.")
    var noCache = false

    @Flag(name: .long, help: "Publish a locale whose content folder holds no Markdown (otherwise IO004 keeps the previous site).")
    var allowEmpty = false

    func run() throws {
        let configuration = try site.configurationOrExit()
        let progress = log.level <= .info ? ProgressLine() : nil
        let logger = log.logger(label: "herald.build", progress: progress)
        let report = SiteBuilder(configuration: configuration).build(options: BuildOptions(useCache: !noCache, allowEmpty: allowEmpty, logger: logger))
        progress?.finish()
        for diagnostic in report.diagnostics where diagnostic.severity == .error || !log.quiet && diagnostic.severity == .warning {
            logger.log(diagnostic)
        }
        let summary = String(format: "%d pages (%d documents read, %d pages rendered), %d feeds, %d files (%d unchanged), %d warnings, %d errors, %.2f s",
                             report.pages, report.preparedDocuments, report.renderedPages, report.feeds, report.files, report.unchangedFiles,
                             report.warnings, report.errors, report.seconds)
        print(report.published ? "built \(configuration.output): \(summary)" : "not published: \(summary)")
        // Ends the process with the report and all the build read still allocated: freeing
        // thousands of documents' records would only delay the exit.
        Foundation.exit(report.published ? 0 : 1)
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
