import AdvisoryExtraction
import AdvisoryModel
import Foundation
import SiteRendering
import Testing

/// The record and the CSAF document write their own JSON (`JSONWritable`); these tests hold
/// those bytes to what `encode(to:)` gives through `SortedJSONEncoder` and through the tree
/// encoder it replaced (`TreeJSONEncoder`), pretty and compact.
@Suite("JSON written without Codable")
struct JSONWritableTests {
    /// The three encodings of `value`: its own writer, `SortedJSONEncoder`'s Codable path, the tree encoder.
    static func encodings<T: JSONWritable & Encodable>(_ value: T, pretty: Bool) throws -> (written: [UInt8], codable: [UInt8], tree: [UInt8]) {
        let encoder = SortedJSONEncoder(pretty: pretty)
        return (encoder.bytes(writing: value), try encoder.encodedBytes(value), try TreeJSONEncoder(pretty: pretty).encodedBytes(value))
    }

    static func expectSameBytes<T: JSONWritable & Encodable>(_ value: T, _ label: String) throws {
        for pretty in [false, true] {
            let bytes = try encodings(value, pretty: pretty)
            #expect(bytes.written == bytes.codable, "\(label), pretty: \(pretty)")
            #expect(bytes.written == bytes.tree, "\(label), pretty: \(pretty)")
        }
    }

    static func compact(_ value: some JSONWritable) -> String {
        String(decoding: SortedJSONEncoder().bytes(writing: value), as: UTF8.self)
    }

    // MARK: By hand

    @Test("Entries in byte order of their keys; encodeIfPresent's nil left out, encode's nil as null", arguments: [
        ("revision, all set", Revision(version: "1.0", date: DayDate(year: 2016, month: 1, day: 12), text: "Bulletin veröffentlicht.", line: 1162),
         #"{"date":"2016-01-12","line":1162,"text":"Bulletin veröffentlicht.","version":"1.0"}"#),
        ("revision without version and date", Revision(version: nil, date: nil, text: "a \"b\"\n", line: 3),
         #"{"line":3,"text":"a \"b\"\n"}"#),
    ])
    func revision(name: String, revision: Revision, json: String) {
        #expect(Self.compact(revision) == json)
    }

    @Test("Keys in UTF-8 byte order of their names: capitals first, a prefix before its extensions, escapes not counted")
    func keyOrder() {
        let order = JSONKeyOrder(["b", "a b", "é", "a", "a\"q", "B"], name: { $0 })
        #expect(order.entries.map(\.key) == ["B", "a", "a b", "a\"q", "b", "é"])
    }

    @Test("A record without any optional field has null for each")
    func emptyRecord() throws {
        let advisory = Advisory(id: "x", kind: .landing, locale: "de-DE", title: "T", source: SourceInfo(path: "p.md"))
        #expect(Self.compact(advisory) == #"{"assetId":null,"builtAt":null,"contentKey":null,"cves":[],"draft":false,"faq":[],"headings":[],"id":"x","kb":[],"kbPrimary":null,"kind":"landing","links":[],"locale":"de-DE","mtpsId":null,"notes":[],"products":[],"published":null,"revisions":[],"severity":null,"source":{"lines":{},"path":"p.md"},"subtitle":null,"title":"T","tocTitle":null,"updated":null,"version":null}"#)
        try Self.expectSameBytes(advisory, "empty record")
    }

    @Test("Pretty: two spaces a level, \"key\" : value, an empty container around a blank line")
    func prettyShape() {
        let source = SourceInfo(path: "a.md", lines: [.title: 1, .cves: 7])
        #expect(String(decoding: SortedJSONEncoder(pretty: true).bytes(writing: source), as: UTF8.self)
            == "{\n  \"lines\" : {\n    \"cves\" : 7,\n    \"title\" : 1\n  },\n  \"path\" : \"a.md\"\n}")
        #expect(String(decoding: SortedJSONEncoder(pretty: true).bytes(writing: [[String]]()), as: UTF8.self) == "[\n\n]")
        #expect(String(decoding: SortedJSONEncoder(pretty: true).bytes(writing: SourceInfo(path: "")), as: UTF8.self)
            == "{\n  \"lines\" : {\n\n  },\n  \"path\" : \"\"\n}")
    }

    @Test("Integers as their decimal digits, with a minus sign when negative", arguments: [
        (0, "0"), (9, "9"), (10, "10"), (1162, "1162"), (-1, "-1"), (-10, "-10"), (100_000_000, "100000000"),
        (Int.max, "9223372036854775807"), (Int.min, "-9223372036854775808"),
    ])
    func integers(value: Int, json: String) {
        #expect(Self.compact(value) == json)
        #expect(Self.compact([value, value]) == "[" + json + "," + json + "]")
    }

    @Test("Pretty indentation past 64 spaces keeps two spaces a level", arguments: [1, 15, 16, 17, 70])
    func deepIndentation(depth: Int) {
        var nested: [Nested] = []
        for _ in 0..<depth { nested = [Nested(items: nested)] }
        let text = String(decoding: SortedJSONEncoder(pretty: true).bytes(writing: nested), as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // Each level is an array and an object in it (four spaces); the innermost "items" key is the deepest line.
        #expect(lines.map { $0.prefix { $0 == " " }.count }.max() == 4 * depth)
        #expect(lines.filter { $0.hasPrefix(String(repeating: " ", count: 4 * depth) + "\"items\" : [") }.count == 1)
        // The innermost, empty array is its brackets around a blank line.
        #expect(lines.filter(\.isEmpty).count == 1)
        #expect(lines.last == "]")
    }

    struct Nested: JSONWritable {
        var items: [Nested]

        func writeJSON(to json: inout JSONWriter) {
            json.writeObject(Self.keys) { json, _, name in json.field(name, items) }
        }

        private static let keys = JSONKeyOrder(["items"], name: { $0 })
    }

    @Test("Day dates outside four-digit years as their description", arguments: [(2008, 6, 13), (5, 1, 1), (12345, 11, 30), (1999, 12, 31)])
    func dayDates(year: Int, month: Int, day: Int) throws {
        var date = try #require(DayDate(year: 2000, month: 1, day: 1))
        (date.year, date.month, date.day) = (year, month, day)
        #expect(Self.compact(date) == "\"" + date.description + "\"")
        try Self.expectSameBytes(date, "\(date)")
    }

    @Test("Hand-built records and CSAF documents with every optional set and unset")
    func handBuilt() throws {
        let full = JSONEncoderTests.record()
        try Self.expectSameBytes(full, "full record")
        var sparse = CSAFFixtures.bulletin()
        sparse.severity = nil
        sparse.published = nil
        sparse.products = [AffectedProduct(name: "n", group: "g", component: "c", kb: [], severity: nil, line: 1)]
        try Self.expectSameBytes(sparse, "sparse record")

        let configuration = CSAFFixtures.configuration
        let csaf = try CSAFWriter.document(for: CSAFFixtures.bulletin(), canonicalURL: "https://example.org/a", configuration: configuration)
        try Self.expectSameBytes(csaf, "bulletin CSAF")
        var everything = csaf
        everything.document.lang = nil
        everything.document.aggregateSeverity = .init(text: "Kritisch", namespace: "https://example.org/ns")
        everything.document.distribution = .init(tlp: .init(label: "WHITE"))
        everything.document.publisher.issuingAuthority = "authority"
        everything.document.tracking.generator = .init(engine: .init(name: "Herald"))
        everything.productTree = .init(branches: [.init(category: "vendor", name: "V", branches: [.init(category: "product_name", name: "P", product: .init(name: "P", productID: "CSAFPID-1"))])])
        everything.vulnerabilities = [
            .init(cve: "CVE-2016-0002", notes: [.init(category: "description", text: "x")], productStatus: .init(fixed: ["CSAFPID-1"], underInvestigation: []),
                  remediations: [.init(category: "vendor_fix", details: "KB1", url: "https://example.org/kb1", productIDs: ["CSAFPID-1"]), .init(category: "none_available", details: "-")]),
            .init(),
        ]
        try Self.expectSameBytes(everything, "CSAF with every optional")
        try Self.expectSameBytes(CSAFDocument(document: csaf.document), "CSAF without tree and vulnerabilities")
    }

    // MARK: Bundled content and corpus

    /// The repository's `content/` folder.
    static let contentFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("content")

    static func markdownFiles(in folder: URL) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Checks the record and, when one is published, the CSAF document of each file.
    static func expectSameBytes(files: [String], in root: URL) throws -> (records: Int, csaf: Int) {
        var counts = (records: 0, csaf: 0)
        for relative in files {
            let url = root.appendingPathComponent(relative)
            let data = try Data(contentsOf: url)
            let advisory = AdvisoryExtractor().extract(bytes: [UInt8](data), path: url.path).advisory
            try expectSameBytes(advisory, relative)
            counts.records += 1
            guard CSAFWriter.isPublished(advisory),
                  let csaf = try? CSAFWriter.document(for: advisory, canonicalURL: "https://example.org/" + relative, configuration: CSAFFixtures.configuration) else { continue }
            try expectSameBytes(csaf, relative + " (CSAF)")
            counts.csaf += 1
        }
        return counts
    }

    @Test("Every bundled document: the record and CSAF bytes of encode(to:)")
    func bundledContent() throws {
        let files = Self.markdownFiles(in: Self.contentFolder)
        #expect(files.count >= 7)
        let counts = try Self.expectSameBytes(files: files, in: Self.contentFolder)
        #expect(counts.csaf >= 3)
    }

    @Test("A sample of the corpus (every 25th file of zh-cn and de-de): the record and CSAF bytes of encode(to:)")
    func corpusSample() throws {
        let corpus = CSAFFixtures.corpusFolder
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            print("skipped: ../shared/corpus is absent")
            return
        }
        for folder in ["zh-cn", "de-de"] {
            let root = corpus.appendingPathComponent(folder)
            let files = Self.markdownFiles(in: root).enumerated().filter { $0.offset % 25 == 0 }.map(\.element)
            let counts = try Self.expectSameBytes(files: files, in: root)
            #expect(counts.records == files.count && counts.csaf > 10, "\(folder): \(counts)")
        }
    }
}
