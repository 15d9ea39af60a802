import AdvisoryModel

extension DocumentFacts {
    /// The fields of a summary the digest covers, by their names in `Advisory`, and those it leaves
    /// out: the body-derived lists a summary keeps empty. Line numbers (of `source`, headings and
    /// revisions) are left out too: they only place the document's own diagnostics.
    static let digestedFields = [
        "id", "kind", "locale", "assetId", "contentKey", "mtpsId", "title", "tocTitle", "subtitle", "published", "updated",
        "version", "severity", "kb", "kbPrimary", "cves", "revisions", "headings", "draft", "builtAt", "source",
    ]
    static let undigestedFields = ["products", "faq", "links", "notes"]

    /// A digest of everything other pages read of a document: the summary's fields, each
    /// length-prefixed, without line numbers. A cache key only (the build manifest's
    /// `summaryDigest`), never written into a page; the record's JSON is encoded once, for `index.json`.
    static func digest(ofSummary summary: Advisory) -> ContentKey {
        var parts: [String] = [summary.id, summary.kind.rawValue, summary.locale]
        func add(_ value: String?) {
            if let value { parts.append("+" + value) } else { parts.append("-") }
        }
        add(summary.assetId)
        add(summary.contentKey)
        add(summary.mtpsId)
        parts.append(summary.title)
        add(summary.tocTitle)
        add(summary.subtitle)
        add(summary.published?.description)
        add(summary.updated?.description)
        add(summary.version)
        add(summary.severity?.rating.rawValue)
        add(summary.severity?.raw)
        parts.append(String(summary.kb.count))
        parts += summary.kb
        add(summary.kbPrimary)
        parts.append(String(summary.cves.count))
        parts += summary.cves
        parts.append(String(summary.revisions.count))
        for revision in summary.revisions {
            add(revision.version)
            add(revision.date?.description)
            parts.append(revision.text)
        }
        parts.append(String(summary.headings.count))
        for heading in summary.headings {
            parts += [String(heading.level), heading.text, heading.anchor]
        }
        parts.append(summary.draft ? "draft" : "final")
        add(summary.builtAt)
        parts.append(summary.source.path)
        return ContentKey(parts: parts)
    }
}
