import AdvisoryModel
import ArgumentParser
import Foundation
import SiteBuild

/// Options shared by `build`, `check` and `serve`: the config file and its overrides.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site configuration file.")
    var config = "site.yml"

    @Option(name: .long, help: "A locale and its content folder, e.g. zh-CN=../shared/corpus/zh-cn (repeatable; replaces the locales of site.yml).")
    var content: [String] = []

    @Option(name: .long, help: "The output folder.")
    var out: String?

    @Option(name: .long, help: "The absolute URL the site is published at.")
    var baseURL: String?

    /// `site.yml` with the command-line overrides applied.
    func configuration() throws -> SiteConfiguration {
        var configuration: SiteConfiguration
        do {
            configuration = try SiteConfiguration.load(path: config)
        } catch {
            throw ValidationError(error.formatted)
        }
        if !content.isEmpty {
            configuration.locales = try content.map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw ValidationError("--content takes LOCALE=FOLDER, got '\(pair)'")
                }
                let absolute = parts[1].hasPrefix("/") ? parts[1] : FileManager.default.currentDirectoryPath + "/" + parts[1]
                return LocaleSource(tag: parts[0], content: absolute)
            }
            if !configuration.locales.contains(where: { $0.tag == configuration.defaultLocale }) {
                configuration.defaultLocale = configuration.locales[0].tag
            }
        }
        if let out { configuration.output = out.hasPrefix("/") ? out : FileManager.default.currentDirectoryPath + "/" + out }
        if let baseURL { configuration.baseURL = baseURL }
        do { try configuration.validate(path: config) } catch { throw ValidationError(error.formatted) }
        return configuration
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder (replaced only when there is no error).")

    @OptionGroup var site: SiteOptions

    @OptionGroup var log: LogOptions

    @Flag(name: .long, help: "Neither read nor write the cache folder: prepare and render every document.")
    var noCache = false

    func run() throws {
        let configuration = try site.configuration()
        let logger = log.logger(label: "herald.build")
        let report = SiteBuilder(configuration: configuration).build(options: BuildOptions(useCache: !noCache, logger: logger))
        for diagnostic in report.diagnostics where diagnostic.severity == .error || !log.quiet && diagnostic.severity == .warning {
            logger.log(diagnostic)
        }
        let summary = String(format: "%d pages (%d documents read, %d pages rendered), %d feeds, %d files (%d unchanged), %d warnings, %d errors, %.2f s",
                             report.pages, report.preparedDocuments, report.renderedPages, report.feeds, report.files, report.unchangedFiles,
                             report.warnings, report.errors, report.seconds)
        print(report.published ? "built \(configuration.output): \(summary)" : "not published: \(summary)")
        if !report.published { throw ExitCode(1) }
    }
}
