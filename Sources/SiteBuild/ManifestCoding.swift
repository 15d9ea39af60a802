import AdvisoryModel
import Foundation

/// The binary form of the build manifest. A one-document rebuild reads and writes the facts of
/// every document; with `JSONEncoder`/`JSONDecoder` that alone took 270 ms for zh-CN, with
/// this length-prefixed form it takes a few milliseconds.
enum ManifestCoding {
    static let magic = "herald-manifest-6"

    static func encode(_ manifest: BuildManifest) -> Data {
        var writer = BinaryWriter()
        writer.string(magic)
        writer.string(manifest.prepareFingerprint)
        writer.string(manifest.renderFingerprint)
        writer.int(manifest.documents.count)
        for document in manifest.documents {
            writer.bytes(document.preparedRecord ?? preparedRecord(of: document))
            writer.optional(document.pageKey) { $0.key($1) }
            writer.diagnostics(document.pageDiagnostics)
        }
        let tocs = manifest.tocs.sorted { $0.key < $1.key }
        writer.int(tocs.count)
        for (locale, toc) in tocs {
            writer.string(locale)
            writer.string(toc.key)
            writer.tocEntries(toc.entries)
            writer.diagnostics(toc.diagnostics)
        }
        writer.optional(manifest.output) { writer, output in
            writer.string(output.identity)
            writer.key(output.inputsDigest)
            writer.key(output.siteKey)
            writer.diagnostics(output.siteDiagnostics)
            writer.strings(output.siteFiles)
            let resources = output.resourceStamps.sorted { $0.key < $1.key }
            writer.strings(resources.map(\.key))
            writer.strings(resources.map(\.value))
            writer.strings(output.files)
            writer.int(output.pages)
            writer.int(output.feeds)
            writer.diagnostics(output.diagnostics)
        }
        return Data(writer.bytes)
    }

    static func decode(_ data: Data) -> BuildManifest? {
        var reader = BinaryReader(bytes: [UInt8](data))
        do {
            guard try reader.string() == magic else { return nil }
            let prepare = try reader.string()
            let render = try reader.string()
            let count = try reader.count()
            var records: [(prepared: ArraySlice<UInt8>, pageKey: ContentKey?, pageDiagnostics: [Diagnostic])] = []
            records.reserveCapacity(count)
            for _ in 0..<count {
                records.append((try reader.slice(), try reader.optional { try $0.key() }, try reader.diagnostics()))
            }
            let chunks = stride(from: 0, to: records.count, by: 256).map { records[$0..<min($0 + 256, records.count)] }
            let decoded = parallelMap(chunks) { chunk in
                try? chunk.map { record in
                    var reader = BinaryReader(bytes: record.prepared)
                    let document = BuildManifest.Document(sourcePath: try reader.string(), stamp: try reader.optional { try $0.string() }, key: try reader.key(),
                                                          facts: try reader.facts(), pageKey: record.pageKey, pageDiagnostics: record.pageDiagnostics,
                                                          preparedRecord: record.prepared)
                    guard reader.isAtEnd else { throw BinaryReader.Malformed() }
                    return document
                }
            }
            var documents: [BuildManifest.Document] = []
            documents.reserveCapacity(count)
            for chunk in decoded {
                guard let chunk else { return nil }
                documents += chunk
            }
            var tocs: [String: TOCReader.Known] = [:]
            let tocCount = try reader.count()
            for _ in 0..<tocCount {
                let locale = try reader.string()
                tocs[locale] = TOCReader.Known(key: try reader.string(), entries: try reader.tocEntries(depth: 0), diagnostics: try reader.diagnostics())
            }
            let output = try reader.optional { reader in
                BuildManifest.Output(identity: try reader.string(), inputsDigest: try reader.key(), siteKey: try reader.key(),
                                     siteDiagnostics: try reader.diagnostics(), siteFiles: try reader.strings(),
                                     resourceStamps: try reader.pairs(), files: try reader.strings(),
                                     pages: try reader.int(), feeds: try reader.int(), diagnostics: try reader.diagnostics())
            }
            guard reader.isAtEnd else { return nil }
            return BuildManifest(prepareFingerprint: prepare, renderFingerprint: render, documents: documents, tocs: tocs, output: output)
        } catch {
            return nil
        }
    }
}

extension ManifestCoding {
    /// A document's source path, stamp, key and facts: the part of its manifest entry that an
    /// unchanged file keeps from one build to the next, so that it is written back as read.
    static func preparedRecord(of document: BuildManifest.Document) -> ArraySlice<UInt8> {
        var writer = BinaryWriter()
        writer.string(document.sourcePath)
        writer.optional(document.stamp) { $0.string($1) }
        writer.key(document.key)
        writer.facts(document.facts)
        return writer.bytes[...]
    }
}

struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        var remaining = UInt64(bitPattern: Int64(value))
        repeat {
            let low = UInt8(remaining & 0x7F)
            remaining >>= 7
            bytes.append(remaining == 0 ? low : low | 0x80)
        } while remaining != 0
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { buffer in
            int(buffer.count)
            bytes.append(contentsOf: buffer)
        }
    }

    mutating func key(_ value: ContentKey) { string(value.description) }

    mutating func data(_ value: Data) {
        int(value.count)
        value.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    /// Length-prefixed bytes, read back by `BinaryReader.slice()`.
    mutating func bytes(_ value: ArraySlice<UInt8>) {
        int(value.count)
        bytes.append(contentsOf: value)
    }

    /// A case of an enum, as its place in `cases` (its type's `allCases`).
    mutating func member<Case: Equatable>(_ value: Case, of cases: [Case]) {
        int(cases.firstIndex(of: value) ?? cases.count)
    }

    mutating func strings(_ values: [String]) {
        int(values.count)
        for value in values { string(value) }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout BinaryWriter, T) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func day(_ value: DayDate?) {
        optional(value) { $0.int($1.year * 10_000 + $1.month * 100 + $1.day) }
    }

    mutating func diagnostics(_ values: [Diagnostic]) {
        int(values.count)
        for value in values {
            member(value.code, of: CaseTables.diagnosticCodes)
            member(value.severity, of: CaseTables.diagnosticSeverities)
            string(value.message)
            string(value.location.path)
            int(value.location.line)
            int(value.location.column)
        }
    }

    mutating func tocEntries(_ entries: [TOCEntry]) {
        int(entries.count)
        for entry in entries {
            string(entry.name)
            optional(entry.target) { $0.string($1) }
            bool(entry.isAbsent)
            tocEntries(entry.children)
        }
    }

    /// The facts of a document; the record summary has no products, FAQ, links or notes, and only the header's headings.
    mutating func facts(_ facts: DocumentFacts) {
        let advisory = facts.summary
        string(advisory.id)
        member(advisory.kind, of: CaseTables.documentKinds)
        string(advisory.locale)
        optional(advisory.assetId) { $0.string($1) }
        optional(advisory.contentKey) { $0.string($1) }
        optional(advisory.mtpsId) { $0.string($1) }
        string(advisory.title)
        optional(advisory.tocTitle) { $0.string($1) }
        optional(advisory.subtitle) { $0.string($1) }
        day(advisory.published)
        day(advisory.updated)
        optional(advisory.version) { $0.string($1) }
        optional(advisory.severity) { writer, severity in
            writer.member(severity.rating, of: CaseTables.severityRatings)
            writer.string(severity.raw)
        }
        strings(advisory.kb)
        optional(advisory.kbPrimary) { $0.string($1) }
        strings(advisory.cves)
        int(advisory.revisions.count)
        for revision in advisory.revisions {
            optional(revision.version) { $0.string($1) }
            day(revision.date)
            string(revision.text)
            int(revision.line)
        }
        int(advisory.headings.count)
        for heading in advisory.headings {
            int(heading.level)
            string(heading.text)
            string(heading.anchor)
            int(heading.line)
        }
        bool(advisory.draft)
        optional(advisory.builtAt) { $0.string($1) }
        string(advisory.source.path)
        let lines = advisory.source.lines.sorted { $0.key.rawValue < $1.key.rawValue }
        int(lines.count)
        for (key, line) in lines {
            member(key, of: CaseTables.recordFields)
            int(line)
        }
        diagnostics(facts.diagnostics)
        int(facts.references.count)
        for reference in facts.references {
            string(reference.url)
            bool(reference.isImage)
            int(reference.line)
            int(reference.column)
        }
        optional(facts.csaf) { writer, csaf in
            writer.string(csaf.relativePath)
            writer.string(csaf.currentReleaseDate)
        }
        key(facts.summaryDigest)
    }
}

struct BinaryReader {
    struct Malformed: Error {}

    let bytes: ArraySlice<UInt8>
    private var offset: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        offset = bytes.startIndex
    }

    init(bytes: [UInt8]) { self.init(bytes: bytes[...]) }

    /// A reader of the file at `path` past its leading `magic` string; nil when the file is
    /// missing or starts otherwise (one this version did not write).
    init?(file path: String, magic: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        self.init(bytes: [UInt8](data))
        guard (try? string()) == magic else { return nil }
    }

    var isAtEnd: Bool { offset == bytes.endIndex }

    mutating func int() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.endIndex, shift < 64 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return Int(Int64(bitPattern: value))
    }

    mutating func count() throws -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.endIndex - offset else { throw Malformed() }
        return value
    }

    mutating func bool() throws -> Bool {
        guard offset < bytes.endIndex else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] != 0
    }

    mutating func string() throws -> String {
        let length = try count()
        defer { offset += length }
        return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
    }

    mutating func key() throws -> ContentKey { ContentKey(stored: try string()) }

    /// The next length-prefixed bytes, as a slice of `bytes` (no copy).
    mutating func slice() throws -> ArraySlice<UInt8> {
        let length = try count()
        defer { offset += length }
        return bytes[offset..<(offset + length)]
    }

    mutating func data() throws -> Data {
        let length = try count()
        defer { offset += length }
        return Data(bytes[offset..<(offset + length)])
    }

    /// The case `BinaryWriter.member(_:of:)` wrote.
    mutating func member<Case>(of cases: [Case]) throws -> Case {
        let index = try int()
        guard cases.indices.contains(index) else { throw Malformed() }
        return cases[index]
    }

    mutating func strings() throws -> [String] {
        let number = try count()
        var values: [String] = []
        values.reserveCapacity(number)
        for _ in 0..<number { values.append(try string()) }
        return values
    }

    /// Two string lists of the same length, as a dictionary.
    mutating func pairs() throws -> [String: String] {
        let keys = try strings()
        let values = try strings()
        guard keys.count == values.count else { throw Malformed() }
        return Dictionary(zip(keys, values)) { first, _ in first }
    }

    mutating func optional<T>(_ read: (inout BinaryReader) throws -> T) throws -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func day() throws -> DayDate? {
        guard let packed = try optional({ try $0.int() }) else { return nil }
        guard let day = DayDate(year: packed / 10_000, month: packed / 100 % 100, day: packed % 100) else { throw Malformed() }
        return day
    }

    mutating func diagnostics() throws -> [Diagnostic] {
        let number = try count()
        var values: [Diagnostic] = []
        values.reserveCapacity(number)
        for _ in 0..<number {
            let code = try member(of: CaseTables.diagnosticCodes), severity = try member(of: CaseTables.diagnosticSeverities)
            let message = try string()
            let location = SourceLocation(path: try string(), line: try int(), column: try int())
            values.append(Diagnostic(code, message, at: location, severity: severity))
        }
        return values
    }

    mutating func tocEntries(depth: Int) throws -> [TOCEntry] {
        guard depth < 64 else { throw Malformed() }
        let number = try count()
        var entries: [TOCEntry] = []
        for _ in 0..<number {
            entries.append(TOCEntry(name: try string(), target: try optional { try $0.string() }, isAbsent: try bool(), children: try tocEntries(depth: depth + 1)))
        }
        return entries
    }

    /// An outcome's fields, after its magic.
    mutating func published() throws -> BuildManifest.Published {
        BuildManifest.Published(identity: try string(), inputsDigest: try string(), pages: try int(), feeds: try int(), files: try int(),
                                diagnostics: try diagnostics())
    }

    mutating func facts() throws -> DocumentFacts {
        let id = try string()
        let kind = try member(of: CaseTables.documentKinds)
        let locale = try string()
        let assetId = try optional { try $0.string() }
        let contentKey = try optional { try $0.string() }
        let mtpsId = try optional { try $0.string() }
        var advisory = Advisory(id: id, kind: kind, locale: locale, title: "", source: SourceInfo(path: ""))
        advisory.assetId = assetId
        advisory.contentKey = contentKey
        advisory.mtpsId = mtpsId
        advisory.title = try string()
        advisory.tocTitle = try optional { try $0.string() }
        advisory.subtitle = try optional { try $0.string() }
        advisory.published = try day()
        advisory.updated = try day()
        advisory.version = try optional { try $0.string() }
        advisory.severity = try optional { reader in
            Severity(rating: try reader.member(of: CaseTables.severityRatings), raw: try reader.string())
        }
        advisory.kb = try strings()
        advisory.kbPrimary = try optional { try $0.string() }
        advisory.cves = try strings()
        let revisionCount = try count()
        for _ in 0..<revisionCount {
            let version = try optional { try $0.string() }
            let date = try day()
            advisory.revisions.append(Revision(version: version, date: date, text: try string(), line: try int()))
        }
        let headingCount = try count()
        for _ in 0..<headingCount {
            advisory.headings.append(Heading(level: try int(), text: try string(), anchor: try string(), line: try int()))
        }
        advisory.draft = try bool()
        advisory.builtAt = try optional { try $0.string() }
        advisory.source.path = try string()
        let lineCount = try count()
        advisory.source.lines.reserveCapacity(lineCount)
        for _ in 0..<lineCount {
            advisory.source.lines[try member(of: CaseTables.recordFields)] = try int()
        }
        let diagnostics = try diagnostics()
        var references: [LinkReference] = []
        let referenceCount = try count()
        for _ in 0..<referenceCount {
            references.append(LinkReference(url: try string(), isImage: try bool(), line: try int(), column: try int()))
        }
        let csaf = try optional { reader in CSAFFacts(relativePath: try reader.string(), currentReleaseDate: try reader.string()) }
        return DocumentFacts(summary: advisory, diagnostics: diagnostics, references: references, csaf: csaf, summaryDigest: try key())
    }
}

/// The cases of the enums the binary forms write by their place, made once (`allCases` makes a
/// new array on every call).
enum CaseTables {
    static let diagnosticCodes = Array(DiagnosticCode.allCases)
    static let diagnosticSeverities = Array(DiagnosticSeverity.allCases)
    static let documentKinds = Array(DocumentKind.allCases)
    static let severityRatings = Array(SeverityRating.allCases)
    static let recordFields = Array(RecordField.allCases)
}
