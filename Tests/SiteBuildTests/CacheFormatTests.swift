import AdvisoryModel
import Foundation
@testable import SiteBuild
import Testing

@Suite("Cache formats")
struct CacheFormatTests {
    /// Published XXH64 values (seed 0): the xxHash reference and python-xxhash's README.
    @Test("XXH64 gives the reference values", arguments: [
        ("", 0xEF46_DB37_51D8_E999 as UInt64),
        ("a", 0xD24E_C4F1_A98C_6E5B),
        ("abc", 0x44BC_2CF5_AD77_0999),
        ("Nobody inspects the spammish repetition", 0xFBCE_A83C_8A37_8BF1),
    ])
    func xxh64(input: String, expected: UInt64) {
        let bytes = Array(input.utf8)
        #expect(bytes.withUnsafeBytes { ContentHash.xxh64($0, seed: 0) } == expected)
    }

    @Test("Content hashes tell parts apart: (\"ab\", \"c\") is not (\"a\", \"bc\")")
    func partsAreDelimited() {
        #expect(ContentHash(parts: ["ab", "c"]) != ContentHash(parts: ["a", "bc"]))
        #expect(ContentHash(parts: ["a", "bc"]) == ContentHash(parts: ["a", "bc"]))
        #expect(ContentHash(of: "x").description.count == 32)
    }

    @Test("Enum cases are written by their place in the type's cases; a place past the last is refused", arguments: [0, 2, 3, 200])
    func enumCaseByPlace(place: Int) throws {
        var writer = BinaryWriter()
        writer.int(place)
        var reader = BinaryReader(bytes: writer.bytes)
        let cases = CaseTables.diagnosticSeverities
        #expect(cases == [.note, .warning, .error])
        if place < cases.count {
            #expect(try reader.member(of: cases) == cases[place])
        } else {
            #expect(throws: BinaryReader.Malformed.self) { try reader.member(of: cases) }
        }
        var written = BinaryWriter()
        for severity in cases { written.member(severity, of: cases) }
        #expect(written.bytes == [0, 1, 2])
    }

    /// The stamp a file's status gets, as `device:inode:size:mtime:ctime` (times `seconds.nanoseconds`).
    @Test("A file stamp writes its numbers in decimal", arguments: [
        ("all zero", [UInt64(0), 0, 0, 0, 0, 0, 0], "0:0:0:0.0:0.0"),
        ("a file on ext4", [2049, 1_234_567, 42, 1_700_000_000, 123_456_789, 1_700_000_001, 5], "2049:1234567:42:1700000000.123456789:1700000001.5"),
        ("the largest device number", [UInt64.max, 9, 0, 0, 0, 0, 0], "18446744073709551615:9:0:0.0:0.0"),
    ])
    func fileStamp(name: String, numbers: [UInt64], expected: String) {
        var status = stat()
        status.st_dev = UInt(numbers[0])
        status.st_ino = UInt(numbers[1])
        status.st_size = Int(numbers[2])
        status.st_mtim.tv_sec = Int(numbers[3])
        status.st_mtim.tv_nsec = Int(numbers[4])
        status.st_ctim.tv_sec = Int(numbers[5])
        status.st_ctim.tv_nsec = Int(numbers[6])
        #expect(FileStamp.describe(status) == expected)
    }

    @Test("A file stamp before 1970 keeps the sign of its seconds")
    func fileStampBefore1970() {
        var status = stat()
        status.st_mtim.tv_sec = -1
        status.st_mtim.tv_nsec = 500
        #expect(FileStamp.describe(status) == "0:0:0:-1.500:0.0")
    }

    static func sampleFacts() -> DocumentFacts {
        var advisory = Advisory(id: "954474", kind: .advisory, locale: "zh-CN", title: "Microsoft 安全通报 954474", source: SourceInfo(path: "/c/954474.md", lines: [.title: 9, .published: 14]))
        advisory.assetId = "954474"
        advisory.subtitle = "System Center Configuration Manager 2007 阻止部署安全更新"
        advisory.published = DayDate(year: 2008, month: 6, day: 13)
        advisory.updated = DayDate(year: 2008, month: 6, day: 17)
        advisory.version = "1.1"
        advisory.severity = Severity(rating: .important, raw: "重要")
        advisory.kb = ["954474"]
        advisory.cves = ["CVE-2008-0001"]
        advisory.revisions = [Revision(version: "1.0", date: DayDate(year: 2008, month: 6, day: 13), text: "已发布通报。", line: 96), Revision(version: nil, date: nil, text: "", line: 97)]
        advisory.builtAt = "2020-01-01"
        advisory.contentKey = "security-updates/securityadvisories/2008/954474"
        advisory.mtpsId = "954474"
        advisory.tocTitle = "954474"
        advisory.kbPrimary = "954474"
        advisory.draft = true
        return DocumentFacts(summary: advisory,
                             diagnostics: [Diagnostic(.anch001, "anchor '#x' matches nothing", at: SourceLocation(path: "/c/954474.md", line: 40, column: 3))],
                             references: [LinkReference(url: "../2009/971111.md", isImage: false, line: 41, column: 1)],
                             csaf: CSAFFacts(relativePath: "2008/msa-954474-zh-cn.json", currentReleaseDate: "2008-06-17T00:00:00.000Z"),
                             summaryDigest: ContentKey(stored: "0123"))
    }

    @Test("The manifest reads back what was written")
    func manifestRoundTrip() throws {
        let facts = Self.sampleFacts()
        let toc = [TOCEntry(name: "通报", target: nil, isAbsent: false, children: [TOCEntry(name: "954474", target: "a/954474.md", isAbsent: false, children: [])])]
        let manifest = BuildManifest(prepareFingerprint: "p", renderFingerprint: "r",
                                     documents: [BuildManifest.Document(sourcePath: "/c/954474.md", stamp: "1:2:3", key: ContentKey(stored: "k"), facts: facts, pageKey: ContentKey(stored: "pk"), pageDiagnostics: facts.diagnostics)],
                                     tocs: ["zh-CN": TOCReader.Known(key: "t", entries: toc, diagnostics: [])],
                                     output: BuildManifest.Output(identity: "1:2", inputsDigest: ContentKey(stored: "i"), siteKey: ContentKey(stored: "s"), siteDiagnostics: [], siteFiles: ["zh-cn/index.html"],
                                                                  resourceStamps: ["zh-cn/images/a.png": "9"], files: ["a", "b"], pages: 3, feeds: 3, diagnostics: facts.diagnostics))
        let decoded = try #require(ManifestCoding.decode(ManifestCoding.encode(manifest)))
        let document = try #require(decoded.documents.first)
        #expect(document.facts.summary == facts.summary)
        #expect(document.facts.diagnostics == facts.diagnostics)
        #expect(document.facts.references == facts.references)
        #expect(document.facts.csaf == facts.csaf)
        #expect(document.pageKey == ContentKey(stored: "pk") && document.stamp == "1:2:3" && document.key == ContentKey(stored: "k"))
        #expect(decoded.tocs["zh-CN"]?.entries == toc)
        #expect(decoded.output?.resourceStamps == ["zh-cn/images/a.png": "9"])
        #expect(decoded.output?.files == ["a", "b"] && decoded.output?.pages == 3)
    }

    /// Each stored property of `value` by name, compared as a hashable value (nil: not hashable).
    static func fields(of value: Any) -> [(name: String, text: AnyHashable?)] {
        Mirror(reflecting: value).children.compactMap { child in child.label.map { ($0, child.value as? AnyHashable) } }
    }

    @Test("Every field of the record summary survives the manifest: a field added to Advisory but not to ManifestCoding fails here")
    func everyFieldRoundTrips() throws {
        let facts = Self.sampleFacts()
        let empty = Advisory(id: "", kind: .landing, locale: "", title: "", source: SourceInfo(path: ""))
        let defaults = Dictionary(uniqueKeysWithValues: Self.fields(of: empty).map { ($0.name, $0.text) })
        // The fields the summary drops (the page body carries them); every other field is kept.
        let bodyDerived: Set = ["products", "faq", "headings", "links", "notes"]
        let summaryFields = Self.fields(of: DocumentFacts.summary(of: facts.summary))
        for field in summaryFields {
            #expect(field.text != nil, "\(field.name) is not Hashable")
            if bodyDerived.contains(field.name) {
                #expect(field.text == defaults[field.name], "the summary keeps \(field.name)")
            } else {
                #expect(field.text != defaults[field.name], "sampleFacts() leaves \(field.name) at its default: set it so that the round trip covers it")
            }
        }
        #expect(Set(summaryFields.map(\.name)).isSuperset(of: bodyDerived))
        let manifest = BuildManifest(prepareFingerprint: "p", renderFingerprint: "r",
                                     documents: [BuildManifest.Document(sourcePath: "/c/954474.md", stamp: "s", key: ContentKey(stored: "k"), facts: facts, pageKey: nil, pageDiagnostics: [])], output: nil)
        let decoded = try #require(ManifestCoding.decode(ManifestCoding.encode(manifest))?.documents.first?.facts)
        let written = Dictionary(uniqueKeysWithValues: Self.fields(of: facts.summary).map { ($0.name, $0.text) })
        for field in Self.fields(of: decoded.summary) {
            #expect(field.text == written[field.name], "\(field.name) does not survive the manifest")
        }
        // DocumentFacts keeps its fields in one shared object: its one stored property.
        let storage = try #require(Mirror(reflecting: decoded).children.first?.value)
        #expect(Self.fields(of: storage).map(\.name) == ["summary", "diagnostics", "references", "csaf", "summaryDigest"],
                "DocumentFacts changed: encode and decode the new field in ManifestCoding")
        #expect(decoded.summaryDigest == facts.summaryDigest && decoded.csaf == facts.csaf && decoded.references == facts.references)
    }

    @Test("A document read from the manifest keeps its prepared record as read, and the manifest written back is the same bytes")
    func preparedRecordsWrittenBackAsRead() throws {
        let written = BuildManifest(prepareFingerprint: "p", renderFingerprint: "r",
                                    documents: [BuildManifest.Document(sourcePath: "/c/954474.md", stamp: "1:2:3", key: ContentKey(stored: "k"), facts: Self.sampleFacts(),
                                                                       pageKey: ContentKey(stored: "pk"), pageDiagnostics: []),
                                                BuildManifest.Document(sourcePath: "/c/a.md", stamp: nil, key: ContentKey(stored: "k2"), facts: Self.sampleFacts(),
                                                                       pageKey: nil, pageDiagnostics: Self.sampleFacts().diagnostics)],
                                    output: nil)
        let bytes = ManifestCoding.encode(written)
        let read = try #require(ManifestCoding.decode(bytes))
        #expect(read.documents.map(\.sourcePath) == ["/c/954474.md", "/c/a.md"])
        for (document, original) in zip(read.documents, written.documents) {
            #expect(document.preparedRecord == ManifestCoding.preparedRecord(of: original), "\(document.sourcePath)")
            #expect(document.pageDiagnostics == original.pageDiagnostics && document.pageKey == original.pageKey)
        }
        #expect(ManifestCoding.encode(read) == bytes)
    }

    @Test("The outcome of a published build reads back what was written; a truncated one is refused", arguments: [true, false])
    func outcomeRoundTrip(whole: Bool) throws {
        let folder = temporaryFolder("outcome")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = BuildManifest.Published(identity: "1:2", inputsDigest: "d", pages: 3, feeds: 3, files: 12, diagnostics: Self.sampleFacts().diagnostics)
        let bytes = outcome.encoded
        try (whole ? bytes : bytes.dropLast()).write(to: URL(fileURLWithPath: BuildManifest.path(cacheFolder: folder.path, output: "/site", kind: "outcome", extension: "bin")))
        let read = BuildManifest.Published.load(cacheFolder: folder.path, output: "/site")
        if whole {
            let read = try #require(read)
            #expect(read.identity == "1:2" && read.inputsDigest == "d" && read.pages == 3 && read.feeds == 3 && read.files == 12)
            #expect(read.diagnostics == outcome.diagnostics)
        } else {
            #expect(read == nil)
        }
    }

    @Test("A truncated or foreign manifest is refused, not misread", arguments: [0, 1, 10, 100])
    func truncatedManifest(keep: Int) {
        let manifest = BuildManifest(prepareFingerprint: "p", renderFingerprint: "r",
                                     documents: [BuildManifest.Document(sourcePath: "/c/a.md", stamp: nil, key: ContentKey(stored: "k"), facts: Self.sampleFacts(), pageKey: nil, pageDiagnostics: [])],
                                     output: nil)
        let data = ManifestCoding.encode(manifest)
        #expect(ManifestCoding.decode(data.prefix(keep)) == nil)
        #expect(ManifestCoding.decode(Data("{\"format\": 1}".utf8)) == nil)
    }

    @Test("A payload reads back what was written, URL slots and CSAF files included", arguments: [true, false])
    func payloadRoundTrip(withCSAF: Bool) throws {
        let payload = DocumentPayload(body: Array("<p><a href=\"\u{0}0\u{0}\">x</a></p>\n".utf8)[...], urls: ["../a.md", "https://example.org/\nb"],
                                      recordJSON: Array("{\"id\": \"1\"}".utf8)[...],
                                      csaf: withCSAF ? DocumentPayload.CSAFFiles(json: Array("{}".utf8)[...], sha256: Data("aa  x.json\n".utf8), sha512: Data("bb  x.json\n".utf8)) : nil)
        let decoded = try #require(DocumentPayload(decoding: payload.encoded()))
        #expect(decoded.body == payload.body)
        #expect(decoded.urls == ["../a.md", "https://example.org/\nb"], "a URL with a line break stays one URL")
        #expect(decoded.files?.recordJSON == payload.files?.recordJSON)
        #expect(decoded.files?.csaf?.json == payload.files?.csaf?.json && decoded.files?.csaf?.sha512 == payload.files?.csaf?.sha512)
        #expect(DocumentPayload(decoding: Array(payload.encoded().dropLast(3))) == nil)
    }

    @Test("A payload's binary form: length-prefixed magic, body, URLs, the files flag, record JSON, then the CSAF flag")
    func payloadLayout() {
        let payload = DocumentPayload(body: Array("<p>".utf8)[...], urls: ["u"], recordJSON: Array("{}".utf8)[...], csaf: nil)
        let head: [UInt8] = [16] + Array("herald-payload-3".utf8) + [3] + Array("<p>".utf8) + [1, 1, UInt8(ascii: "u")]
        #expect(payload.encoded() == head + [1] + [2] + Array("{}".utf8) + [0])
        #expect(payload.bodyOnly.encoded() == head + [0], "the body alone: no record, no CSAF flag")
        let decoded = DocumentPayload(decoding: payload.bodyOnly.encoded())
        #expect(decoded != nil && decoded?.files == nil && decoded?.body == payload.body && decoded?.urls == ["u"])
    }

    @Test("The store writes a payload's parts into this build's pack and reads the same payload back", arguments: [true, false])
    func payloadStoreRoundTrip(withCSAF: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-payloads-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = PayloadStore(folder: folder)
        let body = Array(String(repeating: "<p>正文 \u{0}0\u{0}</p>\n", count: 5_000).utf8)
        let csaf = DocumentPayload.CSAFFiles(json: Array(repeating: 0x7B, count: 70_000)[...], sha256: Data("aa  x.json\n".utf8), sha512: Data("bb  x.json\n".utf8))
        let payload = DocumentPayload(body: body[...], urls: ["../a.md"], recordJSON: Array(repeating: 0x20, count: 30_000)[...], csaf: withCSAF ? csaf : nil)
        let small = DocumentPayload(body: Array("<p>x</p>".utf8)[...], urls: [], recordJSON: Array("{}".utf8)[...], csaf: nil)
        let key = ContentKey(parts: ["payload", String(withCSAF)])
        let smallKey = ContentKey(parts: ["small"])
        store.save(small, key: smallKey)
        store.save(payload, key: key)
        let pack = try #require(FileManager.default.contents(atPath: folder + "/pack-1").map { [UInt8]($0) })
        #expect(pack == PayloadStore.header(of: smallKey) + small.bodyOnly.encoded() + PayloadStore.header(of: key) + payload.bodyOnly.encoded(),
                "one file, the bodies one after the other, each after its key; the files are held in memory")
        let loaded = try #require(store.load(key))
        #expect(loaded.files != nil && loaded.body == payload.body && loaded.urls == payload.urls && loaded.files?.recordJSON == payload.files?.recordJSON)
        #expect(loaded.files?.csaf?.json == payload.files?.csaf?.json && loaded.files?.csaf?.sha256 == payload.files?.csaf?.sha256 && loaded.files?.csaf?.sha512 == payload.files?.csaf?.sha512)
        let again = try #require(store.load(key))
        #expect(again.files == nil && again.body == payload.body && again.urls == payload.urls, "the files were handed over to the first load")
        #expect(PayloadStore(folder: folder).load(key) == nil, "before finish, the next build does not know this build's payloads")
        store.finish(keeping: [key, smallKey])
        let next = try #require(PayloadStore(folder: folder).load(key))
        #expect(next.files == nil && next.body == payload.body && next.urls == payload.urls, "the next build reads the body; the files are in the output")
        #expect(PayloadStore(folder: folder).load(smallKey)?.body == small.body)
    }

    @Test("Past the memory limit for held files, a payload goes to the pack whole")
    func payloadStoreHeldLimit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-held-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = PayloadStore(folder: folder)
        let large = DocumentPayload(body: Array("<p>a</p>".utf8)[...], urls: [], recordJSON: Array(repeating: 0x20, count: PayloadStore.heldLimit - 10)[...], csaf: nil)
        let over = DocumentPayload(body: Array("<p>b</p>".utf8)[...], urls: ["u"], recordJSON: Array(repeating: 0x7B, count: 11)[...], csaf: nil)
        let (largeKey, overKey) = (ContentKey(parts: ["large"]), ContentKey(parts: ["over"]))
        store.save(large, key: largeKey)
        store.save(over, key: overKey)
        store.finish(keeping: [largeKey, overKey])
        let next = PayloadStore(folder: folder)
        let bodyOnly = try #require(next.load(largeKey))
        #expect(bodyOnly.files == nil, "held in memory: the pack has the body alone")
        let whole = try #require(next.load(overKey))
        #expect(whole.files != nil && whole.files?.recordJSON == over.files?.recordJSON && whole.urls == ["u"], "over the limit: the files are in the pack")
        #expect(store.load(largeKey)?.files?.recordJSON.count == PayloadStore.heldLimit - 10)
    }

    @Test("An index entry whose pack now holds another key's payload at that offset loads nothing, not the other payload")
    func payloadStoreChecksTheKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-packs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = ContentKey(parts: ["first"]), second = ContentKey(parts: ["second"])
        let payload = { (text: String) in DocumentPayload(body: Array("<p>\(text)</p>".utf8)[...], urls: [], recordJSON: Array("{}".utf8)[...], csaf: nil) }
        let old = PayloadStore(folder: folder)
        old.save(payload("one"), key: first)
        old.finish(keeping: [first])
        try FileManager.default.removeItem(atPath: folder + "/pack-1")
        // A store still at work (a check beside the build) reuses the free name and writes a
        // payload of the same length at the same offset.
        let running = PayloadStore(folder: folder)
        running.save(payload("two"), key: second)
        #expect(FileManager.default.fileExists(atPath: folder + "/pack-1"))
        #expect(PayloadStore(folder: folder).load(first) == nil)
        #expect(running.load(second)?.body == payload("two").body)
    }

    /// One build of a store: the payloads it saves (by name) and the ones it keeps.
    struct StoreBuild: Sendable {
        var saves: [String]
        var keeps: [String]
        var finishes = true
        /// Killed before `finish`: its store never goes away (no deinit).
        var killed = false
    }

    /// A history of builds, the payloads the last one can load and the files its folder holds.
    struct StoreHistory: Sendable, CustomTestStringConvertible {
        var name: String
        var builds: [StoreBuild]
        var loadable: Set<String>
        var files: [String]
        /// A file of an older cache form present before the first build.
        var oldShard = false
        var testDescription: String { name }
    }

    static let histories: [StoreHistory] = [
        StoreHistory(name: "a kept payload outlives the builds that do not save it; a dropped one is gone",
                     builds: [StoreBuild(saves: ["a", "b", "c"], keeps: ["a", "b", "c"]), StoreBuild(saves: ["d"], keeps: ["a", "b", "c", "d"]),
                              StoreBuild(saves: [], keeps: ["a", "b", "d"])],
                     loadable: ["a", "b", "d"], files: ["index", "pack-1", "pack-2"]),
        StoreHistory(name: "a pack over half dead has its kept payloads moved into the build's pack and is deleted",
                     builds: [StoreBuild(saves: ["a", "b", "c"], keeps: ["a", "b", "c"]), StoreBuild(saves: ["d"], keeps: ["a", "d"])],
                     loadable: ["a", "d"], files: ["index", "pack-2"]),
        StoreHistory(name: "a build that stops before finish (or a check) leaves the last index and deletes its own pack",
                     builds: [StoreBuild(saves: ["a", "b"], keeps: ["a", "b"]), StoreBuild(saves: ["c"], keeps: ["a", "b", "c"], finishes: false),
                              StoreBuild(saves: ["d"], keeps: ["a", "b", "c", "d"])],
                     loadable: ["a", "b", "d"], files: ["index", "pack-1", "pack-2"]),
        StoreHistory(name: "a killed build's pack is deleted by the next finish",
                     builds: [StoreBuild(saves: ["a", "b"], keeps: ["a", "b"]), StoreBuild(saves: ["c"], keeps: ["a", "b", "c"], finishes: false, killed: true),
                              StoreBuild(saves: ["d"], keeps: ["a", "b", "c", "d"])],
                     loadable: ["a", "b", "d"], files: ["index", "pack-1", "pack-3"]),
        StoreHistory(name: "more than packLimit packs: all but the largest are moved into the build's pack",
                     builds: [StoreBuild(saves: ["a", "b", "c", "d"], keeps: ["a", "b", "c", "d"])]
                         + (1...9).map { StoreBuild(saves: ["n\($0)"], keeps: ["a", "b", "c", "d"] + (1...$0).map { "n\($0)" }) },
                     // Build 9 moves pack-2…pack-8 into pack-9; build 10 takes the first free name, pack-2.
                     loadable: Set(["a", "b", "c", "d"] + (1...9).map { "n\($0)" }), files: ["index", "pack-1", "pack-2", "pack-9"]),
        StoreHistory(name: "the files of the older one-file-per-payload form are deleted by the first finish",
                     builds: [StoreBuild(saves: ["a"], keeps: ["a"])], loadable: ["a"], files: ["index", "pack-1"], oldShard: true),
    ]

    @Test("Across builds the store keeps what each build keeps, and its folder only the packs that hold it", arguments: histories)
    func payloadStoreHistory(_ history: StoreHistory) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("herald-packs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func key(_ name: String) -> ContentKey { ContentKey(parts: ["history", name]) }
        func payload(_ name: String) -> DocumentPayload {
            DocumentPayload(body: Array("<p>\(name)</p>".utf8)[...], urls: [name], recordJSON: Array(String(repeating: name, count: 100).utf8)[...], csaf: nil)
        }
        if history.oldShard {
            try FileManager.default.createDirectory(atPath: folder + "/ab", withIntermediateDirectories: true)
            try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/ab/abcdef"))
        }
        var killed: [PayloadStore] = []
        defer { withExtendedLifetime(killed) {} }
        for build in history.builds {
            let store = PayloadStore(folder: folder)
            for name in build.saves { store.save(payload(name), key: key(name)) }
            if build.finishes { store.finish(keeping: Set(build.keeps.map(key))) }
            if build.killed { killed.append(store) }
        }
        let store = PayloadStore(folder: folder)
        let everyName = Set(history.builds.flatMap(\.saves))
        for name in everyName.sorted() {
            let loaded = store.load(key(name))
            if history.loadable.contains(name) {
                #expect(loaded?.urls == [name] && loaded?.body == payload(name).body, "\(name) is kept")
            } else {
                #expect(loaded == nil, "\(name) is dropped")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == history.files)
    }
}
