import AdvisoryModel
import CommonMark
import XMLValidation

/// Turns what the sanitiser removed or escaped into HTML001 and HTML002 diagnostics at the file
/// line and column of each element or attribute: one per finding, capped per document.
enum SanitizerFindings {
    static func diagnostics(for findings: [HTMLSanitizer.Finding], lines: RenderedLineMap, source: [UInt8], path: String, fallbackLine: Int) -> [Diagnostic] {
        guard !findings.isEmpty else { return [] }
        let file = TextLines(source)
        var removed: [Diagnostic] = []
        var escaped: [Diagnostic] = []
        for finding in findings {
            let line = lines.fileLine(ofOutputLine: finding.line) ?? fallbackLine
            let column = file.column(of: finding.needle, onLine: line) ?? 1
            let location = SourceLocation(path: path, line: line, column: column)
            switch finding.kind {
            case .removed:
                removed.append(Diagnostic(.html001, "unsafe HTML removed: \(finding.description)", at: location))
            case .escapedTag:
                escaped.append(Diagnostic(.html002, "tag that is not HTML shown as text: \(finding.description)", at: location))
            }
        }
        return Diagnostic.capped(removed) + Diagnostic.capped(escaped)
    }
}
