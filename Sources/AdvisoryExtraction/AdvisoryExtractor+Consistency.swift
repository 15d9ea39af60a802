import AdvisoryModel
import CommonMark
import Foundation

/// Checks between the fields of one record (dates, revisions, version, KB).
extension AdvisoryExtractor {
    func checkConsistency(of advisory: Advisory, publishedFromDateLine: Bool, lines: [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        func at(_ key: RecordField) -> SourceLocation { SourceLocation(path: path, line: lines[key] ?? lines[.title] ?? 1) }
        guard advisory.kind.isAdvisoryKind else { return }
        if !publishedFromDateLine {
            let message = advisory.published.map { "no published date in the date line after the title; \($0) taken from the first revision entry" }
                ?? "no published date found after the title"
            diagnostics.append(Diagnostic(.date001, message, at: at(.dateLine)))
        }
        if let published = advisory.published, let updated = advisory.updated, updated < published {
            diagnostics.append(Diagnostic(.date002, "updated \(updated) is before published \(published)", at: at(.updated)))
        }
        let dated = advisory.revisions.compactMap(\.date)
        if zip(dated, dated.dropFirst()).contains(where: { $0 > $1 }) {
            diagnostics.append(Diagnostic(.rev003, "revision entries are not in chronological order", at: at(.revisions)))
        }
        if let published = advisory.published, let first = dated.min(), first != published, lines[.published] != advisory.revisions.first?.line {
            diagnostics.append(Diagnostic(.date004, "published \(published) but the first revision is dated \(first)", at: at(.published)))
        }
        let versions = advisory.revisions.compactMap(\.version)
        if let version = advisory.version, let latest = versions.max(by: Self.versionLess), Self.versionLess(version, latest) || Self.versionLess(latest, version) {
            diagnostics.append(Diagnostic(.ver001, "version \(version) differs from the latest revision \(latest)", at: at(.version)))
        }
        if advisory.kind == .bulletin, advisory.version == nil {
            diagnostics.append(Diagnostic(.ver002, "bulletin has no version line", at: at(.title)))
        }
        if advisory.kind == .bulletin, advisory.kb.isEmpty {
            diagnostics.append(Diagnostic(.kb001, "bulletin names no Knowledge Base article", at: at(.subtitle)))
        }
    }

    /// Compares dotted versions numerically: 1.10 > 1.9.
    public static func versionLess(_ a: String, _ b: String) -> Bool {
        let x = a.split(separator: ".").map { Int($0) ?? 0 }
        let y = b.split(separator: ".").map { Int($0) ?? 0 }
        for index in 0..<max(x.count, y.count) {
            let l = index < x.count ? x[index] : 0
            let r = index < y.count ? y[index] : 0
            if l != r { return l < r }
        }
        return false
    }
}
