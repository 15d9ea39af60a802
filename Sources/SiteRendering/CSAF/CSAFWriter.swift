import AdvisoryModel
import Foundation
import XMLValidation

/// Turns a typed advisory record into a CSAF 2.0 document. Pure: no clock, no file system.
///
/// Mapping (ANCHORS §3.2):
/// - category: `csaf_security_advisory` with one vulnerability per CVE when the record names CVEs,
///   else `csaf_informational_advisory` without `/vulnerabilities`.
/// - title: record title + ": " + subtitle; `lang` the record's locale, `source_lang` the configured
///   source locale for translations.
/// - tracking: id from ``CSAFConfiguration/trackingID(for:)``; dates at midnight UTC
///   (`2008-06-13T00:00:00.000Z`); `initial_release_date` = published, else the first revision date;
///   `current_release_date` = the latest of updated, the last revision date and published (equal to
///   `updated ?? last revision ?? published` whenever the record is consistent).
/// - revision history: the record's revisions in date order (ties keep document order), numbered
///   1…n; the dotted version (`1.0`) becomes `legacy_version`. A revision without a date takes the
///   date of the one before it; a line with neither version nor date continues the previous summary.
///   A record without revisions gets one item "Initial publication." at its initial release date.
///   `version` = the last number, `status` = `final`.
/// - notes: summary (subtitle, else title), general (the document's alerts), faq (questions and
///   answers), legal_disclaimer. References: self (the canonical URL), Knowledge Base articles, then
///   the other http(s) links of the document, de-duplicated and capped.
/// - product tree: vendor → product_name (group, else product name) → product; ids `CSAFPID-0001`….
public enum CSAFWriter {
    /// The TLP definition URL written beside the label.
    public static let tlpURL = "https://www.first.org/tlp/"
    /// The summary of the single revision of a record that lists none.
    public static let initialRevisionSummary = "Initial publication."

    /// Whether a record gets a CSAF document at all: advisory kinds (bulletin, advisory, summary,
    /// investigation) that are not drafts.
    public static func isPublished(_ advisory: Advisory) -> Bool {
        advisory.kind.isAdvisoryKind && !advisory.draft
    }

    /// `2008-06-13T00:00:00.000Z`: a day as the CSAF date-time of its midnight UTC.
    public static func releaseDate(_ day: DayDate) -> String {
        day.description + "T00:00:00.000Z"
    }

    /// The CSAF document of one record.
    ///
    /// - Throws: a `CSAF001` diagnostic when the record cannot be CSAF: it is not an advisory kind,
    ///   or it has no usable date (no published, updated or revision date).
    public static func document(for advisory: Advisory, canonicalURL: String, configuration: CSAFConfiguration) throws(Diagnostic) -> CSAFDocument {
        guard advisory.kind.isAdvisoryKind else {
            throw diagnostic(for: advisory, "a \(advisory.kind.rawValue) document is not an advisory and has no CSAF form")
        }
        guard let history = revisionHistory(of: advisory) else {
            throw diagnostic(for: advisory, "no usable date (published, updated or revision): CSAF needs an initial release date")
        }

        let cves = vulnerabilityIDs(of: advisory)
        let isSecurityAdvisory = !cves.isEmpty
        var catalog = CSAFProductCatalog(advisory: advisory, vendor: configuration.vendorName)
        if isSecurityAdvisory && catalog.entries.isEmpty {
            catalog.addFallbackProduct(named: displaySubtitle(of: advisory) ?? documentTitle(of: advisory))
        }

        let title = documentTitle(of: advisory)
        let locale = advisory.locale.csafTrimmed
        let metadata = CSAFDocument.Metadata(
            category: (isSecurityAdvisory ? CSAFDocument.Category.securityAdvisory : .informationalAdvisory).rawValue,
            lang: locale.isEmpty ? nil : locale,
            sourceLang: locale.isEmpty || configuration.isSourceLocale(locale) ? nil : configuration.sourceLocale,
            title: title,
            publisher: configuration.publisher,
            tracking: CSAFDocument.Tracking(
                id: configuration.trackingID(for: advisory),
                status: "final",
                version: history.items.last?.number ?? "1",
                initialReleaseDate: releaseDate(history.initial),
                currentReleaseDate: releaseDate(history.current),
                revisionHistory: history.items,
                generator: CSAFDocument.Generator(engine: .init(name: configuration.generatorName, version: configuration.generatorVersion))
            ),
            notes: documentNotes(of: advisory, configuration: configuration),
            references: references(of: advisory, canonicalURL: canonicalURL, title: title, configuration: configuration),
            distribution: CSAFDocument.Distribution(tlp: .init(label: configuration.tlpLabel, url: tlpURL)),
            aggregateSeverity: advisory.severity.map(\.raw.csafTrimmed).flatMap { $0.isEmpty ? nil : CSAFDocument.AggregateSeverity(text: $0) }
        )
        // One array of the products and one of the remediations for every vulnerability: the
        // JSON writer copies the bytes of an array it wrote already (`JSONRepeatedArray`).
        let productIDs = catalog.entries.map(\.productID)
        let remediations = isSecurityAdvisory ? remediations(of: advisory, catalog: catalog, productIDs: productIDs, configuration: configuration) : []
        return CSAFDocument(
            document: metadata,
            productTree: catalog.productTree,
            vulnerabilities: isSecurityAdvisory
                ? cves.map { vulnerability($0, advisory: advisory, title: title, affected: productIDs, remediations: remediations) }
                : nil
        )
    }

    /// The JSON of a document: sorted keys, unescaped slashes, pretty printed, ending in a newline.
    /// The same document always gives the same bytes.
    public static func encoded(_ document: CSAFDocument) throws -> Data {
        Data(encodedBytes(document))
    }

    /// ``encoded(_:)`` as the writer's array.
    static func encodedBytes(_ document: CSAFDocument) -> [UInt8] {
        var bytes = encoder.bytes(writing: document)
        bytes.append(0x0A)
        return bytes
    }

    /// The document and its JSON, after the §6.1 mandatory tests of ``CSAFValidator``.
    ///
    /// - Throws: a `CSAF001` diagnostic when the document cannot be made or fails a test (the
    ///   message lists the failures), so the caller publishes nothing for the record.
    public static func publication(for advisory: Advisory, canonicalURL: String, configuration: CSAFConfiguration) throws(Diagnostic) -> (document: CSAFDocument, data: Data) {
        let (document, bytes) = try publicationBytes(for: advisory, canonicalURL: canonicalURL, configuration: configuration)
        return (document, Data(bytes))
    }

    /// ``publication(for:canonicalURL:configuration:)`` with the JSON as the writer's array (no copy into `Data`).
    public static func publicationBytes(for advisory: Advisory, canonicalURL: String, configuration: CSAFConfiguration) throws(Diagnostic) -> (document: CSAFDocument, bytes: [UInt8]) {
        let document = try document(for: advisory, canonicalURL: canonicalURL, configuration: configuration)
        let failures = CSAFValidator.mandatoryTestFailures(document)
        guard failures.isEmpty else {
            throw diagnostic(for: advisory, "\(document.document.tracking.id) fails CSAF mandatory tests: " + failures.joined(separator: "; "))
        }
        return (document, encodedBytes(document))
    }

    /// The encoder behind ``encoded(_:)``.
    static var encoder: SortedJSONEncoder { SortedJSONEncoder(pretty: true) }

    private static func diagnostic(for advisory: Advisory, _ message: String) -> Diagnostic {
        let line = advisory.source.lines[.revisions] ?? advisory.source.lines[.published] ?? 1
        return Diagnostic(.csaf001, message, at: SourceLocation(path: advisory.source.path, line: line))
    }

    // MARK: Title and notes

    static func documentTitle(of advisory: Advisory) -> String {
        let title = advisory.title.csafTrimmed.csafCollapsingWhitespace
        let base = title.isEmpty ? advisory.id.csafTrimmed : title
        guard let subtitle = displaySubtitle(of: advisory) else { return base }
        return base + ": " + subtitle
    }

    private static func displaySubtitle(of advisory: Advisory) -> String? {
        let subtitle = (advisory.subtitle ?? "").csafTrimmed.csafCollapsingWhitespace
        return subtitle.isEmpty ? nil : subtitle
    }

    private static func documentNotes(of advisory: Advisory, configuration: CSAFConfiguration) -> [CSAFDocument.Note] {
        let title = advisory.title.csafTrimmed.csafCollapsingWhitespace
        var notes = [CSAFDocument.Note(category: "summary", title: "Summary", text: displaySubtitle(of: advisory) ?? (title.isEmpty ? advisory.id : title))]
        for alert in advisory.notes.prefix(10) {
            let text = alert.text.csafTrimmed
            if !text.isEmpty { notes.append(.init(category: "general", title: alert.kind.csafTrimmed.isEmpty ? nil : alert.kind.csafTrimmed, text: text)) }
        }
        let faq = faqText(advisory.faq)
        if !faq.isEmpty { notes.append(.init(category: "faq", title: "Frequently Asked Questions", text: faq)) }
        notes.append(.init(category: "legal_disclaimer", title: "Disclaimer", text: configuration.legalDisclaimerText))
        return notes
    }

    /// Each question and its answer trimmed, one line break apart, the items a blank line apart;
    /// empty ones left out. Made in one string with room for all of it (`joined` grew its result
    /// step by step through answers of many kilobytes).
    static func faqText(_ faq: [FAQEntry]) -> String {
        let items = faq.map { [$0.question.csafTrimmed, $0.answer.csafTrimmed].filter { !$0.isEmpty } }.filter { !$0.isEmpty }
        var count = 0
        for parts in items { count += parts.reduce(parts.count - 1) { $0 + $1.utf8.count } }
        var text = ""
        text.reserveCapacity(count + 2 * max(0, items.count - 1))
        for (index, parts) in items.enumerated() {
            if index > 0 { text += "\n\n" }
            text += parts[0]
            if parts.count > 1 {
                text += "\n"
                text += parts[1]
            }
        }
        return text
    }

    // MARK: Tracking

    struct History {
        var initial: DayDate
        var current: DayDate
        var items: [CSAFDocument.RevisionItem]
    }

    /// The revision history, or nil when the record has no date at all.
    static func revisionHistory(of advisory: Advisory) -> History? {
        struct Entry { var date: DayDate; var version: String?; var text: String; var order: Int }
        var entries: [Entry] = []
        var previousDate: DayDate?
        for (order, revision) in advisory.revisions.enumerated() {
            let text = revision.text.csafTrimmed.csafCollapsingWhitespace
            let version = revision.version.map(\.csafTrimmed).flatMap { $0.isEmpty ? nil : $0 }
            if revision.date == nil, version == nil, let last = entries.indices.last {
                if !text.isEmpty { entries[last].text += (entries[last].text.isEmpty ? "" : " ") + text }
                continue
            }
            guard let date = revision.date ?? previousDate ?? advisory.published ?? advisory.updated else { continue }
            entries.append(Entry(date: date, version: version, text: text, order: order))
            previousDate = date
        }
        entries.sort { ($0.date, $0.order) < ($1.date, $1.order) }

        guard let initial = advisory.published ?? entries.first?.date ?? advisory.updated else { return nil }
        if entries.isEmpty {
            entries = [Entry(date: initial, version: advisory.version?.csafTrimmed, text: initialRevisionSummary, order: 0)]
        }
        let current = [advisory.updated, entries.last?.date, advisory.published, initial].compactMap { $0 }.max() ?? initial
        let items = entries.enumerated().map { index, entry in
            CSAFDocument.RevisionItem(
                date: releaseDate(entry.date),
                number: String(index + 1),
                summary: entry.text.isEmpty ? (entry.version.map { "Version \($0)." } ?? "Revision \(index + 1).") : entry.text,
                legacyVersion: entry.version.flatMap { $0.isEmpty ? nil : $0 }
            )
        }
        return History(initial: initial, current: current, items: items)
    }

    // MARK: Vulnerabilities

    /// Distinct CVE ids of the record that match the schema's pattern, in document order.
    static func vulnerabilityIDs(of advisory: Advisory) -> [String] {
        var seen: Set<String> = []
        return advisory.cves.map { $0.csafTrimmed.uppercased() }.filter { isCVE($0) && seen.insert($0).inserted }
    }

    /// `^CVE-[0-9]{4}-[0-9]{4,}$`.
    static func isCVE(_ text: String) -> Bool {
        // On bytes: any byte beyond ASCII makes a character that is neither a digit nor part of `CVE`.
        let bytes = Array(text.utf8)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        return bytes.count >= 13 && bytes[0..<4].elementsEqual("CVE-".utf8) && bytes[4..<8].allSatisfy(isDigit)
            && bytes[8] == UInt8(ascii: "-") && bytes[9...].allSatisfy(isDigit)
    }

    private static func vulnerability(_ cve: String, advisory: Advisory, title: String, affected: [String],
                                      remediations: [CSAFDocument.Remediation]) -> CSAFDocument.Vulnerability {
        var notes = [CSAFDocument.Note(category: "summary", title: "Summary", text: title)]
        let needle = Array(cve.utf8)
        let mentions = advisory.faq
            .filter { holds($0.question, needle) || holds($0.answer, needle) }
            .prefix(5)
            .map { [$0.question.csafTrimmed, $0.answer.csafTrimmed].filter { !$0.isEmpty }.joined(separator: "\n") }
            .filter { !$0.isEmpty }
        if !mentions.isEmpty {
            notes.append(.init(category: "faq", title: "Frequently Asked Questions", text: mentions.joined(separator: "\n\n")))
        }
        return CSAFDocument.Vulnerability(
            cve: cve,
            notes: notes,
            productStatus: CSAFDocument.ProductStatus(knownAffected: affected),
            remediations: remediations.isEmpty ? nil : remediations
        )
    }

    /// Whether the UTF-8 of `text` holds `needle`: `containsBytes(of:)` with the needle's bytes made once.
    private static func holds(_ text: String, _ needle: [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.contains($0, needle) }
    }

    /// The vendor fixes of every vulnerability of a record: one per KB number of the record and
    /// its products, for the products that name it (all products, `allIDs`, when none does).
    private static func remediations(of advisory: Advisory, catalog: CSAFProductCatalog, productIDs allIDs: [String],
                                     configuration: CSAFConfiguration) -> [CSAFDocument.Remediation] {
        var productsByKB: [String: [String]] = [:]
        for entry in catalog.entries {
            for kb in entry.knowledgeBase { productsByKB[kb, default: []].append(entry.productID) }
        }
        return knowledgeBaseNumbers(advisory.kb + Array(productsByKB.keys)).map { kb in
            CSAFDocument.Remediation(
                category: "vendor_fix",
                details: "\(configuration.vendorName) Knowledge Base Article \(kb)",
                url: knowledgeBaseURL(kb),
                productIDs: productsByKB[kb] ?? allIDs
            )
        }
    }
}

extension Character {
    /// `0`…`9` only (not other Unicode digits).
    var csafIsDigit: Bool { isASCII && isNumber }
}
