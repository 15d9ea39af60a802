import Crypto
import Foundation

/// The CSAF provider layout under `/.well-known/csaf/` (CSAF 2.0 §7.1), as a pure function of the
/// documents: no clock, no file system.
///
/// ```
/// .well-known/csaf/provider-metadata.json
/// .well-known/csaf/white/index.txt
/// .well-known/csaf/white/changes.csv
/// .well-known/csaf/white/2008/msa-954474.json          (+ .sha256, .sha512)
/// .well-known/csaf/white/2008/msa-954474-zh-cn.json    (+ .sha256, .sha512)
/// ```
/// The folder below `csaf/` is the lower-cased TLP label of the configuration (`white`).
public enum CSAFDistribution {
    /// The folder of the provider below the site root.
    public static let root = ".well-known/csaf"

    /// The CSAF §5.1 file name of a tracking id: lower-cased, each run of characters outside
    /// `[+\-a-z0-9]` replaced by `_`, then `.json` (`RHBA-2019:0024` → `rhba-2019_0024.json`).
    public static func fileName(forTrackingID trackingID: String) -> String {
        var name = ""
        var inRun = false
        for character in trackingID.lowercased() {
            if character == "+" || character == "-" || ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                name.append(character)
                inRun = false
            } else if !inRun {
                name.append("_")
                inRun = true
            }
        }
        return name + ".json"
    }

    /// `2008/msa-954474.json`: the path of a document below the TLP folder; the year is the year of
    /// its initial release date.
    public static func relativePath(of document: CSAFDocument) -> String {
        let year = document.document.tracking.initialReleaseDate.prefix(4)
        return "\(year)/" + fileName(forTrackingID: document.document.tracking.id)
    }

    /// Every file of the provider, sorted by path. Each document is written as its given bytes with
    /// `.sha256` and `.sha512` files beside it (`<hex>  <file name>\n`); `index.txt` lists the
    /// document paths sorted, `changes.csv` lists `"<path>","<current_release_date>"` newest first
    /// (ties by path). `provider-metadata.json` takes `last_updated` from the newest
    /// `current_release_date`. Tracking ids must be unique within the provider: when two documents
    /// have the same file name (even in different years) only the first is written.
    /// No documents, no files.
    public static func files(documents: [(CSAFDocument, Data)], configuration: CSAFConfiguration) -> [(path: String, data: Data)] {
        var seen: Set<String> = []
        var published: [Entry] = []
        var files: [(path: String, data: Data)] = []
        let folder = root + "/" + configuration.tlpLabel.lowercased()
        for (document, data) in documents {
            let relative = relativePath(of: document)
            guard seen.insert(fileName(forTrackingID: document.document.tracking.id)).inserted else { continue }
            published.append(Entry(relativePath: relative, currentReleaseDate: document.document.tracking.currentReleaseDate))
            let hashes = hashFiles(of: data, named: String(relative.split(separator: "/").last ?? Substring(relative)))
            files.append((folder + "/" + relative, data))
            files.append((folder + "/" + relative + ".sha256", hashes.sha256))
            files.append((folder + "/" + relative + ".sha512", hashes.sha512))
        }
        guard !published.isEmpty else { return [] }
        return (files + indexFiles(entries: published, configuration: configuration)).sorted { $0.path < $1.path }
    }

    /// One published document as the index files list it.
    public struct Entry: Sendable, Hashable {
        /// `2008/msa-954474.json`, below the TLP folder.
        public var relativePath: String
        public var currentReleaseDate: String

        public init(relativePath: String, currentReleaseDate: String) {
            self.relativePath = relativePath
            self.currentReleaseDate = currentReleaseDate
        }
    }

    /// The `.sha256` and `.sha512` files of a document: `<hex>  <file name>\n`.
    /// The digests are swift-crypto's (BoringSSL on Linux, CryptoKit on Apple platforms).
    public static func hashFiles(of data: some DataProtocol, named name: String) -> (sha256: Data, sha512: Data) {
        (hashLine(SHA256.hash(data: data), named: name), hashLine(SHA512.hash(data: data), named: name))
    }

    /// `<lower-case hex of the digest>  <name>\n`, as `sha256sum` prints it.
    private static func hashLine<Digest: Sequence>(_ digest: Digest, named name: String) -> Data where Digest.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var line: [UInt8] = []
        line.reserveCapacity(128 + 3 + name.utf8.count)
        for byte in digest {
            line.append(digits[Int(byte >> 4)])
            line.append(digits[Int(byte & 0x0F)])
        }
        line.append(contentsOf: "  ".utf8)
        line.append(contentsOf: name.utf8)
        line.append(UInt8(ascii: "\n"))
        return Data(line)
    }

    /// `index.txt`, `changes.csv` and `provider-metadata.json` for the published documents
    /// (already free of duplicate file names); nothing when there are none.
    public static func indexFiles(entries published: [Entry], configuration: CSAFConfiguration) -> [(path: String, data: Data)] {
        guard !published.isEmpty else { return [] }
        let folder = root + "/" + configuration.tlpLabel.lowercased()
        var files: [(path: String, data: Data)] = []
        let index = published.map(\.relativePath).sorted().map { $0 + "\n" }.joined()
        files.append((folder + "/index.txt", Data(index.utf8)))

        let stamped = published.map { (item: $0, time: CSAFTimestamp($0.currentReleaseDate)) }
        let changes = stamped
            .sorted { $0.time != $1.time ? $0.time > $1.time : $0.item.relativePath < $1.item.relativePath }
            .map { "\"\($0.item.relativePath)\",\"\($0.item.currentReleaseDate)\"\n" }
            .joined()
        files.append((folder + "/changes.csv", Data(changes.utf8)))

        let newest = stamped.max { $0.time < $1.time }?.item.currentReleaseDate ?? published[0].currentReleaseDate
        files.append((root + "/provider-metadata.json", providerMetadata(lastUpdated: newest, configuration: configuration)))
        return files
    }

    /// `provider-metadata.json` with the given `last_updated`.
    public static func providerMetadata(lastUpdated: String, configuration: CSAFConfiguration) -> Data {
        let base = configuration.siteBaseURL.hasSuffix("/") ? String(configuration.siteBaseURL.dropLast()) : configuration.siteBaseURL
        let metadata = ProviderMetadata(
            canonicalURL: base + "/" + root + "/provider-metadata.json",
            distributions: [.init(directoryURL: base + "/" + root + "/" + configuration.tlpLabel.lowercased() + "/")],
            lastUpdated: lastUpdated,
            listOnCSAFAggregators: configuration.listOnAggregators,
            metadataVersion: "2.0",
            mirrorOnCSAFAggregators: configuration.mirrorOnAggregators,
            publisher: configuration.publisher,
            role: "csaf_provider"
        )
        var data = (try? CSAFWriter.encoder.encode(metadata)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    private struct ProviderMetadata: Encodable {
        var canonicalURL: String
        var distributions: [Distribution]
        var lastUpdated: String
        var listOnCSAFAggregators: Bool
        var metadataVersion: String
        var mirrorOnCSAFAggregators: Bool
        var publisher: CSAFDocument.Publisher
        var role: String

        struct Distribution: Encodable {
            var directoryURL: String
            enum CodingKeys: String, CodingKey { case directoryURL = "directory_url" }
        }

        enum CodingKeys: String, CodingKey {
            case canonicalURL = "canonical_url"
            case distributions
            case lastUpdated = "last_updated"
            case listOnCSAFAggregators = "list_on_CSAF_aggregators"
            case metadataVersion = "metadata_version"
            case mirrorOnCSAFAggregators = "mirror_on_CSAF_aggregators"
            case publisher, role
        }
    }
}
