import AdvisoryExtraction
import AdvisoryModel
import ArgumentParser
import Foundation
import SiteBuild

@main
struct Herald: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Publish security advisories as a localized static site.",
        version: HeraldVersion.string,
        subcommands: [Build.self, Check.self, Serve.self, Inspect.self, Config.self]
    )
}

