import AdvisoryModel
import ArgumentParser
import Foundation
import SiteBuild

/// Options shared by `build`, `check` and `serve`: the config file and its overrides.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: "The site configuration file (default: site.yml; it must exist unless --content is given).")
    var config: String?

    @Option(name: .long, help: "A locale and its content folder, e.g. zh-CN=../shared/corpus/zh-cn (repeatable; replaces the locales of site.yml).")
    var content: [String] = []

    @Option(name: .long, help: "The output folder.")
    var out: String?

    @Option(name: .long, help: "The absolute URL the site is published at.")
    var baseURL: String?

    /// The configuration file diagnostics name.
    var configurationFile: String { config ?? "site.yml" }

    /// `site.yml` with the command-line overrides applied. A missing file is an error when it was
    /// named with --config, or when there is no --content to build without it.
    func configuration() throws(LoadFailure) -> SiteConfiguration {
        let file = configurationFile
        var configuration: SiteConfiguration
        if config == nil, !content.isEmpty, !FileManager.default.fileExists(atPath: file) {
            configuration = SiteConfiguration(root: FileManager.default.currentDirectoryPath, file: file)
        } else {
            configuration = try SiteConfiguration.load(path: file)
        }
        if !content.isEmpty {
            var locales: [LocaleSource] = []
            for pair in content {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw LoadFailure(failing: [Diagnostic(.cfg001, "--content takes LOCALE=FOLDER, e.g. zh-CN=content/zh-cn; got '\(pair)'", at: SourceLocation(path: "--content", line: 1))])
                }
                let absolute = parts[1].hasPrefix("/") ? parts[1] : FileManager.default.currentDirectoryPath + "/" + parts[1]
                var locale = LocaleSource(tag: parts[0], content: absolute)
                locale.location = SourceLocation(path: "--content \(pair)", line: 1)
                locales.append(locale)
            }
            configuration.locales = locales
            if !locales.contains(where: { $0.tag == configuration.defaultLocale }) {
                configuration.defaultLocale = locales[0].tag
            }
        }
        if let out { configuration.output = out.hasPrefix("/") ? out : FileManager.default.currentDirectoryPath + "/" + out }
        if let baseURL { configuration.baseURL = baseURL }
        do { try configuration.validate() } catch { throw LoadFailure(failing: [error]) }
        return configuration
    }

    /// The configuration, or its problems printed to standard error and exit status 1.
    func configurationOrExit() throws -> SiteConfiguration {
        do {
            return try configuration()
        } catch {
            for diagnostic in error.diagnostics { printToStandardError(diagnostic.formatted) }
            throw ExitCode(1)
        }
    }
}

func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
