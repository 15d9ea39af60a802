import AdvisoryModel
import CommonMark
import XMLValidation

/// Turns what the sanitiser removed or escaped into HTML001 and HTML002 diagnostics at the file
/// line and column of each element or attribute: one per finding, capped per document.
enum SanitizerFindings {
    static func diagnostics(for findings: [HTMLSanitizer.Finding], lines: RenderedLineMap, source: [UInt8], path: String, fallbackLine: Int) -> [Diagnostic] {
        guard !findings.isEmpty else { return [] }
        let file = FileLines(source)
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

/// The lines of a source file, for finding a column by what the line says.
struct FileLines {
    private let bytes: [UInt8]
    private var starts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    }

    /// The 1-based character column where `needle` (lower-case ASCII) first occurs on file line
    /// `line`, ignoring case.
    func column(of needle: String, onLine line: Int) -> Int? {
        guard line >= 1, line <= starts.count, !needle.isEmpty else { return nil }
        let start = starts[line - 1]
        let end = line < starts.count ? starts[line] - 1 : bytes.count
        let pattern = Array(needle.utf8)
        guard end - start >= pattern.count else { return nil }
        for offset in start...(end - pattern.count) {
            var matches = true
            for (index, byte) in pattern.enumerated() {
                let value = bytes[offset + index]
                let lowered = (0x41...0x5A).contains(value) ? value | 0x20 : value
                if lowered != byte {
                    matches = false
                    break
                }
            }
            if matches {
                return 1 + bytes[start..<offset].reduce(0) { $0 + ($1 & 0xC0 != 0x80 ? 1 : 0) }
            }
        }
        return nil
    }
}
