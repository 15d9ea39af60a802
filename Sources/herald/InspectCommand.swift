import AdvisoryExtraction
import AdvisoryModel
import ArgumentParser
import Foundation

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print what Herald extracts from documents, as JSON Lines.")

    @Option(help: "The locale of the documents (default: from the path, then from ms:mtpsurl).")
    var locale: String?

    @Argument(help: "Markdown files.")
    var files: [String]

    func run() throws {
        let extractor = AdvisoryExtractor()
        for file in files {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: file))).map { [UInt8]($0) } ?? []
            let result = extractor.extract(bytes: bytes, path: file, locale: locale)
            print(AdvisoryJSON.line(result.advisory))
            for diagnostic in result.diagnostics.sorted() {
                FileHandle.standardError.write(Data((diagnostic.formatted + "\n").utf8))
            }
        }
    }
}
