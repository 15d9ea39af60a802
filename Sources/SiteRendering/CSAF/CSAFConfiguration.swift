import AdvisoryModel
import Foundation

/// What a CSAF publisher states about itself and how Herald names its documents.
///
/// Tracking ids: `prefix(kind) + record id`, and for a record whose locale is not `sourceLocale`
/// a suffix `-` + the upper-cased locale: advisory 954474 is `MSA-954474` in the source locale and
/// `MSA-954474-ZH-CN` in zh-CN; bulletin MS16-001 in de-DE is `MS16-001-DE-DE`. The file name follows
/// from the tracking id by CSAF §5.1 (`msa-954474-zh-cn.json`), so ids and file names stay unique
/// within the provider across locales. Never change the namespace, the prefixes or the source
/// locale once documents are published: they are part of every document's identity.
public struct CSAFConfiguration: Hashable, Sendable {
    /// `/document/publisher/name`, also used in the legal disclaimer.
    public var publisherName: String
    /// `/document/publisher/category`: `vendor` unless the site publishes for someone else.
    public var publisherCategory: String
    /// `/document/publisher/namespace`: a URL the publisher controls; it must never change.
    public var namespace: String
    /// `/document/publisher/issuing_authority`, if stated.
    public var issuingAuthority: String?
    /// `/document/publisher/contact_details`, if stated.
    public var contactDetails: String?
    /// The `https://` base URL of the site, without a trailing slash; `/.well-known/csaf/` lives below it.
    public var siteBaseURL: String
    /// The TLP label of every document (`WHITE`: public).
    public var tlpLabel: String
    /// Prefixes of tracking ids by document kind; kinds without an entry use the record id as it is.
    public var trackingIDPrefixes: [DocumentKind: String]
    /// The locale the documents were written in; records in other locales are translations that get
    /// a locale suffix in their tracking id and `source_lang` set to this locale.
    public var sourceLocale: String
    /// The vendor branch at the root of the product tree, and the prefix of full product names.
    public var vendorName: String
    /// `/document/notes` legal disclaimer; nil uses a short fixed text naming the publisher.
    public var legalDisclaimer: String?
    /// `/document/tracking/generator/engine`: the name and, if given, version of the writer.
    public var generatorName: String
    public var generatorVersion: String?
    /// The most external references a document carries (Knowledge Base articles first).
    public var maximumExternalReferences: Int
    /// `list_on_CSAF_aggregators` and `mirror_on_CSAF_aggregators` of `provider-metadata.json`.
    public var listOnAggregators: Bool
    public var mirrorOnAggregators: Bool

    /// A configuration with the defaults of the brief: category `vendor`, TLP `WHITE`, advisories
    /// prefixed `MSA-`, other kinds keeping their ids (`MS16-001`, `MS14-AUG`, `MSVR12-006`), source
    /// locale `en-US`, vendor `Microsoft`, at most 50 external references.
    public init(
        publisherName: String,
        publisherCategory: String = "vendor",
        namespace: String,
        issuingAuthority: String? = nil,
        contactDetails: String? = nil,
        siteBaseURL: String,
        tlpLabel: String = "WHITE",
        trackingIDPrefixes: [DocumentKind: String] = [.advisory: "MSA-"],
        sourceLocale: String = "en-US",
        vendorName: String = "Microsoft",
        legalDisclaimer: String? = nil,
        generatorName: String = "Herald",
        generatorVersion: String? = nil,
        maximumExternalReferences: Int = 50,
        listOnAggregators: Bool = true,
        mirrorOnAggregators: Bool = true
    ) {
        self.publisherName = publisherName
        self.publisherCategory = publisherCategory
        self.namespace = namespace
        self.issuingAuthority = issuingAuthority
        self.contactDetails = contactDetails
        self.siteBaseURL = siteBaseURL
        self.tlpLabel = tlpLabel
        self.trackingIDPrefixes = trackingIDPrefixes
        self.sourceLocale = sourceLocale
        self.vendorName = vendorName
        self.legalDisclaimer = legalDisclaimer
        self.generatorName = generatorName
        self.generatorVersion = generatorVersion
        self.maximumExternalReferences = maximumExternalReferences
        self.listOnAggregators = listOnAggregators
        self.mirrorOnAggregators = mirrorOnAggregators
    }

    /// The disclaimer text the documents carry.
    public var legalDisclaimerText: String {
        legalDisclaimer ?? "The information in this advisory is provided by \(publisherName) \"as is\" without warranty of any kind."
    }

    /// The publisher object of documents and of `provider-metadata.json`.
    public var publisher: CSAFDocument.Publisher {
        CSAFDocument.Publisher(
            category: publisherCategory, name: publisherName, namespace: namespace,
            issuingAuthority: issuingAuthority, contactDetails: contactDetails
        )
    }

    /// True when `locale` is the source locale (compared case-insensitively, `_` read as `-`).
    public func isSourceLocale(_ locale: String) -> Bool {
        Self.normalised(locale) == Self.normalised(sourceLocale)
    }

    /// The tracking id of a record: prefix + id, plus `-LOCALE` outside the source locale.
    public func trackingID(for advisory: Advisory) -> String {
        let base = (trackingIDPrefixes[advisory.kind] ?? "") + advisory.id.csafTrimmed
        if isSourceLocale(advisory.locale) { return base }
        return base + "-" + Self.normalised(advisory.locale).uppercased()
    }

    private static func normalised(_ locale: String) -> String {
        let trimmed = locale.csafTrimmed
        // An ASCII tag (every real one) on its bytes; Foundation's replacement for the rest.
        guard trimmed.isAllASCII else { return trimmed.replacingOccurrences(of: "_", with: "-").lowercased() }
        return String(decoding: trimmed.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 }, as: UTF8.self).lowercased()
    }
}
