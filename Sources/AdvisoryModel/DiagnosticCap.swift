extension Diagnostic {
    /// How many diagnostics of one code a document reports one by one (HTML001, HTML002, EMPH001).
    public static let perDocumentLimit = 20

    /// The first `limit` of `diagnostics` (all of one code, in document order), then one more at
    /// the next one's place that counts the ones not listed.
    public static func capped(_ diagnostics: [Diagnostic], limit: Int = perDocumentLimit) -> [Diagnostic] {
        guard diagnostics.count > limit, let first = diagnostics.first else { return diagnostics }
        let rest = diagnostics[limit]
        let summary = Diagnostic(first.code, "\(diagnostics.count - limit) more \(first.code.rawValue) in this document, from here on", at: rest.location, severity: rest.severity)
        return Array(diagnostics.prefix(limit)) + [summary]
    }
}
