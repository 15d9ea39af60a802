import AdvisoryModel
import SiteRendering
import Testing

/// `JSONWriter.field(_:ifPresent:repeating:)` copies the bytes of an array it wrote already (the
/// remediations and affected products every vulnerability of a CSAF document repeats); the
/// bytes must be those of writing the array again, at any depth, for any array.
@Suite("JSON of repeated arrays written once")
struct RepeatedArrayTests {
    /// Counts how often its items are written.
    final class Counter: @unchecked Sendable {
        var writes = 0
    }

    struct Item: JSONWritable {
        var text: String
        var counter: Counter

        func writeJSON(to json: inout JSONWriter) {
            counter.writes += 1
            json.writeString(text)
        }
    }

    /// `{"a": items, "b": {"c": items}, "d": items, "e": other}`, every array through one `JSONRepeatedArray`.
    struct Shape: JSONWritable {
        var items: [Item]
        var other: [Item]

        func writeJSON(to json: inout JSONWriter) {
            var repeated = JSONRepeatedArray<Item>()
            json.writeObject(Self.keys) { json, key, name in
                switch key {
                case "b":
                    json.field(name) { json in
                        json.writeObject(Self.inner) { json, _, name in json.field(name, ifPresent: items, repeating: &repeated) }
                    }
                case "e": json.field(name, ifPresent: other, repeating: &repeated)
                default: json.field(name, ifPresent: items, repeating: &repeated)
                }
            }
        }

        private static let keys = JSONKeyOrder(["a", "b", "d", "e"], name: { $0 })
        private static let inner = JSONKeyOrder(["c"], name: { $0 })
    }

    @Test("The same array at another depth is written again with its own indentation; another array after it is its own")
    func depths() {
        let counter = Counter()
        let items = [Item(text: "x", counter: counter), Item(text: "y", counter: counter)]
        let shape = Shape(items: items, other: [Item(text: "z", counter: counter)])
        let compact = String(decoding: SortedJSONEncoder().bytes(writing: shape), as: UTF8.self)
        #expect(compact == #"{"a":["x","y"],"b":{"c":["x","y"]},"d":["x","y"],"e":["z"]}"#)
        let pretty = String(decoding: SortedJSONEncoder(pretty: true).bytes(writing: shape), as: UTF8.self)
        #expect(pretty == """
            {
              "a" : [
                "x",
                "y"
              ],
              "b" : {
                "c" : [
                  "x",
                  "y"
                ]
              },
              "d" : [
                "x",
                "y"
              ],
              "e" : [
                "z"
              ]
            }
            """)
        // Per encoding: "a", "c" (another depth) and "d" (after "c" replaced "a"'s bytes) are written, "e" too.
        #expect(counter.writes == 2 * (3 * 2 + 1))
    }

    @Test("The same array at the same depth again is copied, not written")
    func copies() {
        let counter = Counter()
        let items = [Item(text: "x", counter: counter), Item(text: "y", counter: counter)]
        let text = String(decoding: SortedJSONEncoder().bytes(writing: Repeats(items: items, times: 3)), as: UTF8.self)
        #expect(text == #"[{"k":["x","y"]},{"k":["x","y"]},{"k":["x","y"]}]"#)
        #expect(counter.writes == 2)
    }

    /// An array of `times` objects `{"k": items}`.
    struct Repeats: JSONWritable {
        var items: [Item]
        var times: Int

        func writeJSON(to json: inout JSONWriter) {
            var repeated = JSONRepeatedArray<Item>()
            json.writeArray(Array(repeating: items, count: times)) { items, json in
                json.writeObject(Self.keys) { json, _, name in json.field(name, ifPresent: items, repeating: &repeated) }
            }
        }

        static let keys = JSONKeyOrder(["k"], name: { $0 })
    }

    @Test("Room for copies: the count of the bytes for the array they were written for, 0 for another or none")
    func byteCounts() {
        let counter = Counter()
        let items = [Item(text: "x", counter: counter), Item(text: "yz", counter: counter)]
        let recorder = Recorder(items: items)
        let text = String(decoding: SortedJSONEncoder().bytes(writing: recorder), as: UTF8.self)
        #expect(text == #"{"k":["x","yz"]}"#)
        // `["x","yz"]` is ten bytes; an equal array of its own and no array copy nothing.
        #expect(recorder.counts.values == [10, 0, 0])
    }

    final class Counts: @unchecked Sendable {
        var values: [Int] = []
    }

    /// `{"k": items}`, then the room a copy for `items`, for an equal array and for none would take.
    struct Recorder: JSONWritable {
        var items: [Item]
        var counts = Counts()

        func writeJSON(to json: inout JSONWriter) {
            var repeated = JSONRepeatedArray<Item>()
            json.writeObject(Repeats.keys) { json, _, name in json.field(name, ifPresent: items, repeating: &repeated) }
            counts.values = [repeated.byteCount(ofCopyFor: items), repeated.byteCount(ofCopyFor: items.map { $0 }), repeated.byteCount(ofCopyFor: nil)]
        }
    }

    // MARK: CSAF vulnerabilities

    static let fix = [CSAFDocument.Remediation(category: "vendor_fix", details: "KB 1", url: "https://example.org/kb1", productIDs: ["CSAFPID-0001", "CSAFPID-0002"])]
    static let affected = ["CSAFPID-0001", "CSAFPID-0002"]

    static func vulnerability(_ cve: String, _ remediations: [CSAFDocument.Remediation]?, _ affected: [String]?) -> CSAFDocument.Vulnerability {
        CSAFDocument.Vulnerability(cve: cve, notes: [.init(category: "summary", text: cve)],
                                   productStatus: affected.map { .init(knownAffected: $0) }, remediations: remediations)
    }

    @Test("Vulnerabilities: the bytes of encode(to:) whether their arrays are shared, equal or different", arguments: [
        ("one array for all", [vulnerability("CVE-2016-0001", fix, affected), vulnerability("CVE-2016-0002", fix, affected),
                               vulnerability("CVE-2016-0003", fix, affected)]),
        ("equal arrays, each its own", [vulnerability("CVE-2016-0001", fix.map { $0 }, affected.map { $0 }),
                                        vulnerability("CVE-2016-0002", fix.map { $0 }, affected.map { $0 })]),
        ("canonically equal strings with other bytes", [
            vulnerability("CVE-2016-0001", [.init(category: "vendor_fix", details: "Caf\u{E9}")], ["Caf\u{E9}"]),
            vulnerability("CVE-2016-0002", [.init(category: "vendor_fix", details: "Cafe\u{301}")], ["Cafe\u{301}"]),
        ]),
        ("shared, other, shared again", [vulnerability("CVE-2016-0001", fix, affected), vulnerability("CVE-2016-0002", [], ["CSAFPID-0003"]),
                                         vulnerability("CVE-2016-0003", fix, affected)]),
        ("absent and empty", [vulnerability("CVE-2016-0001", nil, nil), vulnerability("CVE-2016-0002", [], []),
                              vulnerability("CVE-2016-0003", [], []), vulnerability("CVE-2016-0004", nil, nil)]),
    ])
    func vulnerabilities(name: String, vulnerabilities: [CSAFDocument.Vulnerability]) throws {
        var document = try CSAFWriter.document(for: CSAFFixtures.bulletin(), canonicalURL: "https://example.org/a", configuration: CSAFFixtures.configuration)
        document.vulnerabilities = vulnerabilities
        try JSONWritableTests.expectSameBytes(document, name)
    }

    @Test("Canonically equal strings keep their own bytes")
    func canonicalEquivalents() {
        let document = CSAFDocument(document: CSAFDocument.Metadata(category: "csaf_security_advisory", title: "t",
                                                                    publisher: .init(category: "vendor", name: "n", namespace: "https://example.org"),
                                                                    tracking: .init(id: "i", status: "final", version: "1", initialReleaseDate: "d", currentReleaseDate: "d", revisionHistory: [])),
                                    vulnerabilities: [Self.vulnerability("a", nil, ["Caf\u{E9}"]), Self.vulnerability("b", nil, ["Cafe\u{301}"])])
        let bytes = SortedJSONEncoder().bytes(writing: document)
        // `é` as U+00E9 (C3 A9), then as `e` and U+0301 (65 CC 81), each followed by `"]`.
        #expect(bytes.contains(subsequence: Array(#""known_affected":["Caf"#.utf8) + [0xC3, 0xA9, 0x22, 0x5D]))
        #expect(bytes.contains(subsequence: Array(#""known_affected":["Caf"#.utf8) + [0x65, 0xCC, 0x81, 0x22, 0x5D]))
    }
}

private extension Array where Element == UInt8 {
    func contains(subsequence: [UInt8]) -> Bool {
        guard subsequence.count <= count else { return false }
        return (0...(count - subsequence.count)).contains { self[$0..<($0 + subsequence.count)].elementsEqual(subsequence) }
    }
}
