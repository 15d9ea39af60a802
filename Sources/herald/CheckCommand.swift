import AdvisoryModel
import ArgumentParser
import Foundation
import Logging
import SiteBuild

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Report every problem of the content and the outputs without publishing.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Option(help: "Output format: text, json (JSON Lines: one diagnostic object per line, keys sorted) or sarif (SARIF 2.1.0).")
    var format: OutputFormat = .text

    @Option(help: "Explain a diagnostic code (or 'all'): meaning, the severity in force under the configuration, and the fix.")
    var explain: String?

    @Flag(help: "List every diagnostic code with its severity in force and exit.")
    var listCodes = false

    @Flag(help: "Print each step of the check with its time (as HERALD_TIMING=1 does).")
    var verbose = false

    @Flag(help: "Print the translation report (locales per advisory, lagging and disagreeing translations) instead of diagnostics.")
    var translations = false

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json, sarif
    }

    func run() throws {
        if explain != nil || listCodes {
            return try explainCodes()
        }
        let configuration = try site.configurationOrExit()
        let logger = LogOptions.showsSteps(verbose: verbose) ? Logger.terminal(label: "herald.check", level: .debug) : nil
        let report = SiteBuilder(configuration: configuration).build(options: BuildOptions(write: false, logger: logger))
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
            print(SARIF.log(diagnostics, sourceRoot: configuration.root))
        }
        if report.errors > 0 || (strict && report.warnings > 0) { throw ExitCode(1) }
    }

    /// `--explain CODE`, `--explain all` and `--list-codes`, with the severities of the configuration
    /// when there is one (the defaults otherwise).
    private func explainCodes() throws {
        let configuration = (try? site.configuration()) ?? SiteConfiguration()
        let codes: [DiagnosticCode]
        if listCodes || explain?.lowercased() == "all" {
            codes = DiagnosticCode.allCases
        } else if let explain, let code = DiagnosticCode(rawValue: explain.uppercased()) {
            codes = [code]
        } else {
            printToStandardError("error: unknown code '\(explain ?? "")'; `herald check --list-codes` lists them")
            throw ExitCode(1)
        }
        for code in codes {
            let inForce = configuration.severity(of: code)?.rawValue ?? "off"
            let source = configuration.rules[code] == nil ? "default" : "set in \(configuration.file); default \(code.defaultSeverity.rawValue)"
            if listCodes {
                print("\(code.rawValue)\t\(inForce)\t\(code.explanation)")
            } else {
                print("\(code.rawValue) (\(inForce), \(source)): \(code.explanation)\n  fix: \(code.fix)")
            }
        }
    }
}

/// SARIF 2.1.0 output for code-scanning views. Locations below the project folder are relative
/// to the `%SRCROOT%` base id; others are absolute `file:` URIs.
enum SARIF {
    static func log(_ diagnostics: [Diagnostic], sourceRoot: String) -> String {
        let root = URL(fileURLWithPath: sourceRoot).standardizedFileURL.path
        let prefix = root == "/" ? "/" : root + "/"
        let rules = Set(diagnostics.map(\.code)).sorted { $0.rawValue < $1.rawValue }.map { code -> [String: Any] in
            ["id": code.rawValue, "shortDescription": ["text": code.explanation], "help": ["text": code.fix],
             "defaultConfiguration": ["level": level(code.defaultSeverity)]]
        }
        let results = diagnostics.map { diagnostic -> [String: Any] in
            let path = URL(fileURLWithPath: diagnostic.location.path).standardizedFileURL.path
            let artifact: [String: Any] = path.hasPrefix(prefix)
                ? ["uri": encode(String(path.dropFirst(prefix.count))), "uriBaseId": "%SRCROOT%"]
                : ["uri": "file://" + encode(path)]
            return [
                "ruleId": diagnostic.code.rawValue, "level": level(diagnostic.severity), "message": ["text": diagnostic.message],
                "locations": [["physicalLocation": [
                    "artifactLocation": artifact,
                    "region": ["startLine": max(1, diagnostic.location.line), "startColumn": max(1, diagnostic.location.column)],
                ]]],
            ]
        }
        let run: [String: Any] = [
            "tool": ["driver": ["name": "herald", "version": HeraldVersion.string, "rules": rules]],
            "originalUriBaseIds": ["%SRCROOT%": ["uri": "file://" + encode(prefix)]],
            "results": results,
        ]
        let log: [String: Any] = ["$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private static func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    static func level(_ severity: DiagnosticSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }
}
