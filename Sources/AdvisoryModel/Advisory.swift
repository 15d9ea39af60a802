import Foundation

/// A calendar day without a time zone, as the documents state their dates.
///
/// Encoded as `YYYY-MM-DD`. Machine formats (RFC 3339, RFC 822) read it as midnight UTC.
public struct DayDate: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// A valid Gregorian day, or nil (`2012-07-2417` is not one).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1,
              day <= DayDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `2008-06-13`: what `String(format: "%04d-%02d-%02d")` gives, without Foundation's formatter
    /// (half a percent of a cold build).
    public var description: String {
        Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    /// `value` in decimal, zero-padded to `width` characters including a minus sign (`%0Nd`).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        return sign + String(repeating: "0", count: max(0, width - sign.count - digits.count)) + digits
    }

    /// Days since 1970-01-01 (for weekday and RFC formatting).
    public var daysSinceEpoch: Int { Self.daysSinceEpoch(year: year, month: month, day: day) }

    /// Days from 1970-01-01 to a proleptic Gregorian date, any year (Howard Hinnant's `days_from_civil`).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2008-06-13T00:00:00Z`.
    public var rfc3339: String { description + "T00:00:00Z" }

    /// `Fri, 13 Jun 2008 00:00:00 +0000` (RFC 822 with English names, as RSS requires).
    public var rfc822: String {
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((daysSinceEpoch % 7) + 7) % 7]
        return "\(weekday), " + String(format: "%02d", day) + " \(months[month - 1]) \(year) 00:00:00 +0000"
    }

    public static func < (a: DayDate, b: DayDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = DayDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}


/// What a document is, decided by its folder and file name.
public enum DocumentKind: String, Sendable, Codable, CaseIterable, Comparable {
    case bulletin
    case advisory
    case summary
    case investigation
    case library
    case acknowledgment
    case glossary
    case landing

    /// The kinds that carry advisory metadata (dates, versions, revisions).
    public var isAdvisoryKind: Bool {
        switch self {
        case .bulletin, .advisory, .summary, .investigation: true
        default: false
        }
    }

    public static func < (a: DocumentKind, b: DocumentKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Normalised severity rating of a bulletin.
public enum SeverityRating: String, Sendable, Codable, CaseIterable, Comparable {
    case low, moderate, important, critical

    public static func < (a: SeverityRating, b: SeverityRating) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The severity as normalised and as written.
public struct Severity: Hashable, Sendable, Codable {
    public var rating: SeverityRating
    public var raw: String

    public init(rating: SeverityRating, raw: String) {
        self.rating = rating
        self.raw = raw
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case rating, raw }
}

/// One entry of the revision history.
public struct Revision: Hashable, Sendable, Codable {
    public var version: String?
    public var date: DayDate?
    public var text: String
    public var line: Int

    public init(version: String?, date: DayDate?, text: String, line: Int) {
        self.version = version
        self.date = date
        self.text = text
        self.line = line
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case version, date, text, line }
}

/// A question of the FAQ and its answer, as plain text.
public struct FAQEntry: Hashable, Sendable, Codable {
    public var question: String
    public var answer: String
    public var line: Int

    public init(question: String, answer: String, line: Int) {
        self.question = question
        self.answer = answer
        self.line = line
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case question, answer, line }
}

/// A product named in an affected-software table.
public struct AffectedProduct: Hashable, Sendable, Codable {
    public var name: String
    /// The group row (`colspan`) the product sits under, such as "Internet Explorer 7".
    public var group: String?
    /// The component column of the row, such as "Internet Explorer 7".
    public var component: String?
    public var kb: [String]
    public var severity: String?
    public var line: Int

    public init(name: String, group: String? = nil, component: String? = nil, kb: [String] = [], severity: String? = nil, line: Int) {
        self.name = name
        self.group = group
        self.component = component
        self.kb = kb
        self.severity = severity
        self.line = line
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case name, group, component, kb, severity, line }
}

/// A link in the document body.
public struct DocumentLink: Hashable, Sendable, Codable {
    public var url: String
    public var text: String
    public var line: Int

    public init(url: String, text: String, line: Int) {
        self.url = url
        self.text = text
        self.line = line
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case url, text, line }
}

/// A heading of the body with the anchor its page gives it.
public struct Heading: Hashable, Sendable, Codable {
    public var level: Int
    public var text: String
    public var anchor: String
    public var line: Int

    public init(level: Int, text: String, anchor: String, line: Int) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.line = line
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case level, text, anchor, line }
}

/// A DocFX alert (`> [!NOTE]`).
public struct Note: Hashable, Sendable, Codable {
    public var kind: String
    public var text: String
    public var line: Int

    public init(kind: String, text: String, line: Int) {
        self.kind = kind
        self.text = text
        self.line = line
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case kind, text, line }
}

/// A field of the record whose source line is kept (`SourceInfo.lines`); the raw value is the
/// key in the record's JSON.
public enum RecordField: String, Hashable, Sendable, CaseIterable, Codable {
    case title, tocTitle, assetId, subtitle, dateLine, published, updated, version
    case severity, kb, cves, products, revisions, faq
}

/// Where a record came from: the file and the line of each extracted field.
public struct SourceInfo: Hashable, Sendable, Codable {
    public var path: String
    public var lines: [RecordField: Int]

    public init(path: String, lines: [RecordField: Int] = [:]) {
        self.path = path
        self.lines = lines
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case path, lines }

    /// `lines` is a JSON object keyed by field name, as consumers of the record read it.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(Dictionary(uniqueKeysWithValues: lines.map { ($0.key.rawValue, $0.value) }), forKey: .lines)
    }

    /// Reads what `encode(to:)` writes; a field name Herald does not know is an error.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        var lines: [RecordField: Int] = [:]
        for (name, line) in try container.decode([String: Int].self, forKey: .lines) {
            guard let field = RecordField(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .lines, in: container, debugDescription: "unknown record field \(name)")
            }
            lines[field] = line
        }
        self.lines = lines
    }
}

/// The typed record of one document: everything the site, the feeds and CSAF are made from.
public struct Advisory: Hashable, Sendable, Codable {
    public var id: String
    public var kind: DocumentKind
    public var locale: String
    public var assetId: String?
    public var contentKey: String?
    public var mtpsId: String?
    public var title: String
    public var tocTitle: String?
    public var subtitle: String?
    public var published: DayDate?
    public var updated: DayDate?
    public var version: String?
    public var severity: Severity?
    public var kb: [String]
    public var kbPrimary: String?
    public var cves: [String]
    public var products: [AffectedProduct]
    public var revisions: [Revision]
    public var faq: [FAQEntry]
    public var headings: [Heading]
    public var links: [DocumentLink]
    public var notes: [Note]
    public var draft: Bool
    public var builtAt: String?
    public var source: SourceInfo

    public init(id: String, kind: DocumentKind, locale: String, title: String, source: SourceInfo) {
        self.id = id
        self.kind = kind
        self.locale = locale
        self.title = title
        self.source = source
        kb = []
        cves = []
        products = []
        revisions = []
        faq = []
        headings = []
        links = []
        notes = []
        draft = false
    }

    /// The later of updated and published: what feeds sort by.
    public var lastChanged: DayDate? { updated ?? published }

    /// The key that pairs translations: the lower-cased asset id, else the lower-cased id.
    public var translationKey: String { (assetId ?? id).lowercased() }
}

extension Advisory {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, kind, locale, assetId, contentKey, mtpsId, title, tocTitle, subtitle, published, updated, version
        case severity, kb, kbPrimary, cves, products, revisions, faq, headings, links, notes, draft, builtAt, source
    }

    /// Encodes every key, with `null` for what the document does not state: consumers see the
    /// full shape of the record whatever the document holds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(kind, forKey: .kind)
        try container.encode(locale, forKey: .locale)
        try container.encode(assetId, forKey: .assetId)
        try container.encode(contentKey, forKey: .contentKey)
        try container.encode(mtpsId, forKey: .mtpsId)
        try container.encode(title, forKey: .title)
        try container.encode(tocTitle, forKey: .tocTitle)
        try container.encode(subtitle, forKey: .subtitle)
        try container.encode(published, forKey: .published)
        try container.encode(updated, forKey: .updated)
        try container.encode(version, forKey: .version)
        try container.encode(severity, forKey: .severity)
        try container.encode(kb, forKey: .kb)
        try container.encode(kbPrimary, forKey: .kbPrimary)
        try container.encode(cves, forKey: .cves)
        try container.encode(products, forKey: .products)
        try container.encode(revisions, forKey: .revisions)
        try container.encode(faq, forKey: .faq)
        try container.encode(headings, forKey: .headings)
        try container.encode(links, forKey: .links)
        try container.encode(notes, forKey: .notes)
        try container.encode(draft, forKey: .draft)
        try container.encode(builtAt, forKey: .builtAt)
        try container.encode(source, forKey: .source)
    }
}

/// The JSON form of records: sorted keys, no escaped slashes, dates as `YYYY-MM-DD`.
public enum AdvisoryJSON {
    public static func encoder(pretty: Bool = false) -> SortedJSONEncoder {
        SortedJSONEncoder(pretty: pretty)
    }

    /// One record as one line of JSON.
    public static func line(_ advisory: Advisory) -> String {
        String(decoding: encoder().bytes(writing: advisory), as: UTF8.self)
    }
}
