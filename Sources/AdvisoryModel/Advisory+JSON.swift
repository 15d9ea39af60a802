/// The record's JSON written without `Codable` (``JSONWritable``): the bytes of its `encode(to:)`.

extension DocumentKind: JSONWritable {}
extension SeverityRating: JSONWritable {}

extension DayDate: JSONWritable {
    /// `"2008-06-13"`; a year outside 1000–9999 goes through `description`.
    public func writeJSON(to json: inout JSONWriter) {
        guard (1000...9999).contains(year), (1...99).contains(month), (1...99).contains(day) else { return json.writeString(description) }
        let digit = { (value: Int) in UInt8(ascii: "0") + UInt8(value) }
        let text: [UInt8] = [
            UInt8(ascii: "\""), digit(year / 1000), digit(year / 100 % 10), digit(year / 10 % 10), digit(year % 10), UInt8(ascii: "-"),
            digit(month / 10), digit(month % 10), UInt8(ascii: "-"), digit(day / 10), digit(day % 10), UInt8(ascii: "\""),
        ]
        json.writeBytes(text)
    }
}

extension Advisory: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .id: json.field(name, id)
            case .kind: json.field(name, kind)
            case .locale: json.field(name, locale)
            case .assetId: json.field(name, assetId)
            case .contentKey: json.field(name, contentKey)
            case .mtpsId: json.field(name, mtpsId)
            case .title: json.field(name, title)
            case .tocTitle: json.field(name, tocTitle)
            case .subtitle: json.field(name, subtitle)
            case .published: json.field(name, published)
            case .updated: json.field(name, updated)
            case .version: json.field(name, version)
            case .severity: json.field(name, severity)
            case .kb: json.field(name, kb)
            case .kbPrimary: json.field(name, kbPrimary)
            case .cves: json.field(name, cves)
            case .products: json.field(name, products)
            case .revisions: json.field(name, revisions)
            case .faq: json.field(name, faq)
            case .headings: json.field(name, headings)
            case .links: json.field(name, links)
            case .notes: json.field(name, notes)
            case .draft: json.field(name, draft)
            case .builtAt: json.field(name, builtAt)
            case .source: json.field(name, source)
            }
        }
    }
}

extension SourceInfo: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()
    private static let lineKeys = JSONKeyOrder(RecordField.allCases, name: \.rawValue)

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .path: json.field(name, path)
            case .lines: json.field(name, LinesObject(lines: lines))
            }
        }
    }

    /// `lines` as the object its `[String: Int]` form encodes to.
    private struct LinesObject: JSONWritable {
        var lines: [RecordField: Int]

        func writeJSON(to json: inout JSONWriter) {
            json.writeObject(SourceInfo.lineKeys) { json, field, name in json.field(name, ifPresent: lines[field]) }
        }
    }
}

extension Severity: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .rating: json.field(name, rating)
            case .raw: json.field(name, raw)
            }
        }
    }
}

extension Revision: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .version: json.field(name, ifPresent: version)
            case .date: json.field(name, ifPresent: date)
            case .text: json.field(name, text)
            case .line: json.field(name, line)
            }
        }
    }
}

extension FAQEntry: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .question: json.field(name, question)
            case .answer: json.field(name, answer)
            case .line: json.field(name, line)
            }
        }
    }
}

extension AffectedProduct: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .name: json.field(name, self.name)
            case .group: json.field(name, ifPresent: group)
            case .component: json.field(name, ifPresent: component)
            case .kb: json.field(name, kb)
            case .severity: json.field(name, ifPresent: severity)
            case .line: json.field(name, line)
            }
        }
    }
}

extension DocumentLink: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .url: json.field(name, url)
            case .text: json.field(name, text)
            case .line: json.field(name, line)
            }
        }
    }
}

extension Heading: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .level: json.field(name, level)
            case .text: json.field(name, text)
            case .anchor: json.field(name, anchor)
            case .line: json.field(name, line)
            }
        }
    }
}

extension Note: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .kind: json.field(name, kind)
            case .text: json.field(name, text)
            case .line: json.field(name, line)
            }
        }
    }
}
