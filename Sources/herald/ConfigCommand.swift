import ArgumentParser
import SiteBuild

struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "config", abstract: "Explain the keys of site.yml, or check a configuration file.")

    @Flag(help: "Print every key of site.yml: type, default, example and meaning (a Markdown table).")
    var explain = false

    @Option(name: .long, help: "The configuration file to check (default: site.yml).")
    var config = "site.yml"

    func run() throws {
        if explain {
            print(ConfigurationKey.referenceTable)
            return
        }
        do {
            _ = try SiteConfiguration.load(path: config)
            print("\(config): no problems")
        } catch {
            for diagnostic in error.diagnostics { printToStandardError(diagnostic.formatted) }
            throw ExitCode(1)
        }
    }
}
