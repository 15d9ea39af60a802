import AdvisoryExtraction
import AdvisoryModel
import ArgumentParser
import Foundation

@main
struct Herald: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "herald",
        abstract: "Publish security advisories as a localized static site.",
        subcommands: [Build.self, Check.self, Serve.self, Inspect.self]
    )
}

