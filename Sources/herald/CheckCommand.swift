import AdvisoryModel
import ArgumentParser
import Foundation
import SiteBuild

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Report every problem of the content and the outputs without publishing.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Output format: text, json or sarif.")
    var format: OutputFormat = .text

    @Option(help: "Explain a diagnostic code and exit.")
    var explain: String?

    @Flag(help: "Print the translation report (locales per advisory, lagging and disagreeing translations) instead of diagnostics.")
    var translations = false

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json, sarif
    }

    func run() throws {
        if let explain {
            guard let code = DiagnosticCode(rawValue: explain.uppercased()) else { throw ValidationError("unknown code \(explain)") }
            print("\(code.rawValue) (\(code.defaultSeverity.rawValue)): \(code.explanation)")
            return
        }
        let configuration = try site.configuration()
        let report = SiteBuilder(configuration: configuration).build(options: BuildOptions(write: false))
        let diagnostics = report.diagnostics
        if translations {
            let table = TranslationReport(documents: report.documents, locales: configuration.locales.map(\.tag), defaultLocale: configuration.defaultLocale)
            if format == .json {
                print(String(decoding: try SortedJSONEncoder(pretty: true).encode(table), as: UTF8.self))
            } else {
                print(table.text)
            }
            return
        }
        switch format {
        case .text:
            for diagnostic in diagnostics { print(diagnostic.formatted) }
            var counts: [String: Int] = [:]
            for diagnostic in diagnostics { counts["\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]", default: 0] += 1 }
            for (key, count) in counts.sorted(by: { $0.key < $1.key }) { print("\(count)\t\(key)") }
            print("\(report.documents.count) documents: \(report.errors) errors, \(report.warnings) warnings")
        case .json:
            let encoder = SortedJSONEncoder()
            for diagnostic in diagnostics {
                print(String(decoding: try encoder.encode(diagnostic), as: UTF8.self))
            }
        case .sarif:
            print(SARIF.log(diagnostics))
        }
        if report.errors > 0 || (strict && report.warnings > 0) { throw ExitCode(1) }
    }
}

/// SARIF 2.1.0 output for code-scanning views.
enum SARIF {
    static func log(_ diagnostics: [Diagnostic]) -> String {
        let rules = Set(diagnostics.map(\.code)).sorted { $0.rawValue < $1.rawValue }.map { code -> [String: Any] in
            ["id": code.rawValue, "shortDescription": ["text": code.explanation], "defaultConfiguration": ["level": level(code.defaultSeverity)]]
        }
        let results = diagnostics.map { diagnostic -> [String: Any] in
            [
                "ruleId": diagnostic.code.rawValue, "level": level(diagnostic.severity), "message": ["text": diagnostic.message],
                "locations": [["physicalLocation": [
                    "artifactLocation": ["uri": diagnostic.location.path],
                    "region": ["startLine": max(1, diagnostic.location.line), "startColumn": max(1, diagnostic.location.column)],
                ]]],
            ]
        }
        let log: [String: Any] = [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
            "runs": [["tool": ["driver": ["name": "herald", "informationUri": "https://example.org/herald", "rules": rules]], "results": results]],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func level(_ severity: DiagnosticSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
