import AdvisoryModel
import Foundation
import SiteRendering
import Testing

@Suite("CSAF distribution")
struct CSAFDistributionTests {
    let configuration = CSAFFixtures.configuration

    struct NameCase: CustomTestStringConvertible, Sendable {
        var trackingID: String
        var fileName: String
        var testDescription: String { "\(trackingID) → \(fileName)" }
    }

    @Test("file names follow CSAF §5.1", arguments: [
        NameCase(trackingID: "RHBA-2019:0024", fileName: "rhba-2019_0024.json"),
        NameCase(trackingID: "Example Company - 2019-YH3234", fileName: "example_company_-_2019-yh3234.json"),
        NameCase(trackingID: "MSA-954474", fileName: "msa-954474.json"),
        NameCase(trackingID: "MSA-954474-ZH-CN", fileName: "msa-954474-zh-cn.json"),
        NameCase(trackingID: "a::b  c", fileName: "a_b_c.json"),
        NameCase(trackingID: "CVE+1", fileName: "cve+1.json"),
        NameCase(trackingID: "ÄÖ-1", fileName: "_-1.json"),
    ])
    func fileNames(_ example: NameCase) {
        #expect(CSAFDistribution.fileName(forTrackingID: example.trackingID) == example.fileName)
    }

    struct DigestCase: CustomTestStringConvertible, Sendable {
        var name: String
        var message: [UInt8]
        var sha256: String
        var sha512: String
        var testDescription: String { name }
    }

    /// FIPS 180-4 example vectors ("abc", the empty string, the two-block messages), and a 768-byte
    /// message cross-checked with Python's hashlib.
    @Test("hash files hold SHA-256 and SHA-512 of known vectors", arguments: [
        DigestCase(
            name: "empty", message: [],
            sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            sha512: "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e"),
        DigestCase(
            name: "abc", message: Array("abc".utf8),
            sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            sha512: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        DigestCase(
            name: "448 bits", message: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8),
            sha256: "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            sha512: "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c33596fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"),
        DigestCase(
            name: "896 bits",
            message: Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8),
            sha256: "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1",
            sha512: "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"),
        DigestCase(
            name: "bytes 0…255 three times", message: Array(repeating: Array(0...255), count: 3).flatMap { $0 },
            sha256: "f3a25aa93aa2fbba28d79260535bbd6a5eb0fc1c24a8b0f04e12b484c1dfe363",
            sha512: "f1721f49518ee462a3d81def26d81037cd474b4254b85ad7c8f1509594d0177bbb996ee9625813852bacac108c2a72c83a8587050fec1dcda64730d6470953e6"),
    ])
    func digests(_ example: DigestCase) {
        let files = CSAFDistribution.hashFiles(of: Data(example.message), named: "x.json")
        #expect(String(decoding: files.sha256, as: UTF8.self) == example.sha256 + "  x.json\n")
        #expect(String(decoding: files.sha512, as: UTF8.self) == example.sha512 + "  x.json\n")
    }

    func documents() throws -> [(CSAFDocument, Data)] {
        let sourceAdvisory = CSAFFixtures.advisory(locale: "en-US")
        let translation = CSAFFixtures.advisory(locale: "zh-CN")
        return try [sourceAdvisory, translation, CSAFFixtures.bulletin()].map { advisory in
            let publication = try CSAFWriter.publication(for: advisory, canonicalURL: "https://example.org/\(advisory.id)", configuration: configuration)
            return (publication.document, publication.data)
        }
    }

    func text(_ files: [(path: String, data: Data)], _ path: String) -> String? {
        files.first { $0.path == path }.map { String(decoding: $0.data, as: UTF8.self) }
    }

    @Test("the provider layout holds documents by year, hashes, index.txt and changes.csv")
    func providerLayout() throws {
        let files = CSAFDistribution.files(documents: try documents(), configuration: configuration)
        let white = ".well-known/csaf/white/"
        #expect(files.map(\.path) == [
            ".well-known/csaf/provider-metadata.json",
            white + "2008/msa-954474-zh-cn.json", white + "2008/msa-954474-zh-cn.json.sha256", white + "2008/msa-954474-zh-cn.json.sha512",
            white + "2008/msa-954474.json", white + "2008/msa-954474.json.sha256", white + "2008/msa-954474.json.sha512",
            white + "2016/ms16-001-de-de.json", white + "2016/ms16-001-de-de.json.sha256", white + "2016/ms16-001-de-de.json.sha512",
            white + "changes.csv",
            white + "index.txt",
        ])
        #expect(text(files, white + "index.txt") == "2008/msa-954474-zh-cn.json\n2008/msa-954474.json\n2016/ms16-001-de-de.json\n")
        #expect(text(files, white + "changes.csv") == """
            "2016/ms16-001-de-de.json","2016-01-12T00:00:00.000Z"
            "2008/msa-954474-zh-cn.json","2008-06-17T00:00:00.000Z"
            "2008/msa-954474.json","2008-06-17T00:00:00.000Z"

            """)
        let document = try #require(files.first { $0.path == white + "2008/msa-954474.json" })
        let hashes = CSAFDistribution.hashFiles(of: document.data, named: "msa-954474.json")
        #expect(files.first { $0.path == white + "2008/msa-954474.json.sha256" }?.data == hashes.sha256)
        #expect(files.first { $0.path == white + "2008/msa-954474.json.sha512" }?.data == hashes.sha512)
    }

    @Test("hash files hold the digest of the bytes given and the bare file name")
    func hashFilesHoldTheDigest() throws {
        let document = try #require(try documents().first?.0)
        let files = CSAFDistribution.files(documents: [(document, Data("abc".utf8))], configuration: configuration)
        #expect(text(files, ".well-known/csaf/white/2008/msa-954474.json.sha256")
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  msa-954474.json\n")
    }

    @Test("provider-metadata.json takes last_updated from the newest document")
    func providerMetadata() throws {
        let files = CSAFDistribution.files(documents: try documents(), configuration: configuration)
        let data = try #require(files.first { $0.path == ".well-known/csaf/provider-metadata.json" }?.data)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["canonical_url"] as? String == "https://example.org/security-updates/.well-known/csaf/provider-metadata.json")
        #expect((json["distributions"] as? [[String: Any]])?.first?["directory_url"] as? String
            == "https://example.org/security-updates/.well-known/csaf/white/")
        #expect(json["last_updated"] as? String == "2016-01-12T00:00:00.000Z")
        #expect(json["metadata_version"] as? String == "2.0")
        #expect(json["role"] as? String == "csaf_provider")
        #expect(json["list_on_CSAF_aggregators"] as? Bool == true)
        #expect(json["mirror_on_CSAF_aggregators"] as? Bool == true)
        #expect((json["publisher"] as? [String: Any])?["namespace"] as? String == "https://msrc.microsoft.com")
        #expect(Set(json.keys) == ["canonical_url", "distributions", "last_updated", "list_on_CSAF_aggregators",
                                   "metadata_version", "mirror_on_CSAF_aggregators", "publisher", "role"])
    }

    @Test("a tracking id is written once and no documents give no files")
    func duplicatesAndEmptyInput() throws {
        let all = try documents()
        let first = try #require(all.first)
        let files = CSAFDistribution.files(documents: [first, first], configuration: configuration)
        #expect(files.filter { $0.path.hasSuffix(".json") && $0.path.contains("/white/") }.count == 1)
        #expect(CSAFDistribution.files(documents: [], configuration: configuration).isEmpty)

        // The same tracking id published in another year is still the same document id.
        var later = first.0
        later.document.tracking.initialReleaseDate = "2014-01-01T00:00:00.000Z"
        let paths = CSAFDistribution.files(documents: [first, (later, first.1)], configuration: configuration).map(\.path)
        #expect(paths.contains(".well-known/csaf/white/2008/msa-954474.json"))
        #expect(!paths.contains(".well-known/csaf/white/2014/msa-954474.json"))
    }

    @Test("the layout is deterministic")
    func layoutIsDeterministic() throws {
        let first = CSAFDistribution.files(documents: try documents(), configuration: configuration)
        let second = CSAFDistribution.files(documents: try documents().reversed(), configuration: configuration)
        #expect(first.map(\.path) == second.map(\.path))
        #expect(first.map(\.data) == second.map(\.data))
    }
}
