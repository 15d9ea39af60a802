import AdvisoryExtraction
import AdvisoryModel
import ArgumentParser
import Foundation
import SiteBuild

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print what Herald extracts from documents, as JSON Lines.",
        discussion: """
        With --stats, each argument is a folder: every .md file below it is extracted on all cores and a \
        coverage table per document kind is printed, then the words and lines no locale pack knows \
        (LOC001–LOC004) by frequency, then every main-kind document that lacks an expected field as \
        'path:line: missing FIELD'.
        """
    )

    @Option(help: "The locale of the documents (default: from the path, then from ms:mtpsurl).")
    var locale: String?

    @Option(help: "A site.yml whose `labels:` are added to the locale packs.")
    var config: String?

    @Flag(help: "Treat the arguments as folders and print field coverage per document kind.")
    var stats = false

    @Flag(help: "With --stats: print the table only, not the list of missing fields.")
    var quiet = false

    @Flag(help: "Print the wall-clock time of reading, parsing and extracting to standard error.")
    var time = false

    @Argument(help: "Markdown files (or folders with --stats).")
    var files: [String]

    func run() throws {
        var catalog = LocaleCatalog.shared
        if let config {
            do {
                catalog = catalog.applying(try SiteConfiguration.load(path: config).labels)
            } catch {
                for diagnostic in error.diagnostics { printToStandardError(diagnostic.formatted) }
                throw ExitCode(1)
            }
        }
        let extractor = AdvisoryExtractor(catalog: catalog)
        let start = DispatchTime.now()
        if stats {
            let paths = try files.flatMap { folder in
                let found = CorpusScan.markdownFiles(in: folder)
                if found.isEmpty { try Self.fail(folder, FileManager.default.fileExists(atPath: folder) ? "holds no Markdown (.md) file" : "no such folder") }
                return found
            }
            let scanned = CorpusScan.extract(paths, locale: locale, extractor: extractor)
            let elapsed = Self.seconds(since: start)
            let report = CoverageReport(scanned)
            print(report.formatted(listMisses: !quiet), terminator: "")
            if time {
                let bytes = paths.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
                Self.standardError(String(format: "extracted %d files (%.1f MB) in %.3f s\n", scanned.count, Double(bytes) / 1_000_000, elapsed))
            }
            return
        }
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                var isFolder: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isFolder)
                try Self.fail(file, isFolder.boolValue ? "is a folder; pass Markdown files, or --stats FOLDER" : exists ? "cannot be read" : "no such file")
                continue
            }
            let result = extractor.extract(bytes: bytes, path: file, locale: locale)
            print(AdvisoryJSON.line(result.advisory))
            for diagnostic in result.diagnostics.sorted() {
                Self.standardError(diagnostic.formatted + "\n")
            }
        }
        if time { Self.standardError(String(format: "extracted %d files in %.3f s\n", files.count, Self.seconds(since: start))) }
    }

    /// Prints an IO001 error about `path` and exits with status 1.
    private static func fail(_ path: String, _ message: String) throws {
        standardError(Diagnostic(.io001, message, at: SourceLocation(path: path, line: 1)).formatted + "\n")
        throw ExitCode(1)
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000_000
    }

    private static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
