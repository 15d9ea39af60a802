import Foundation
import Hummingbird
import HummingbirdTesting
import PreviewServer
import SiteBuild
import Testing

/// The preview serves the CSAF provider from the same plan as `herald build`.
@Suite("Preview of the CSAF provider")
struct CSAFPreviewTests {
    @Test("The preview serves provider-metadata.json and every CSAF file the build writes, with the build's bytes")
    func servesWhatTheBuildWrites() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        // The binary document is an error: without it the build publishes.
        try FileManager.default.removeItem(atPath: fixture.path(Fixture.binary))
        let report = SiteBuilder(configuration: try fixture.configuration()).build(options: BuildOptions(useCache: false))
        #expect(report.published, "\(report.diagnostics.map(\.formatted))")
        let output = fixture.root.appendingPathComponent("site/.well-known/csaf")
        let built = try #require(FileManager.default.enumerator(atPath: output.path)).compactMap { $0 as? String }.filter {
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: output.appendingPathComponent($0).path, isDirectory: &isFolder) && !isFolder.boolValue
        }
        // provider-metadata.json, white/index.txt, white/changes.csv and 954474's document with its two hashes.
        #expect(built.contains("provider-metadata.json") && built.contains("white/index.txt") && built.contains("white/changes.csv"))
        #expect(built.filter { $0.hasPrefix("white/2008/") }.count == 3, "\(built.sorted())")
        let app = PreviewServer(site: try fixture.site(), options: .init(port: 0, watch: false)).application()
        try await app.test(.router) { client in
            for path in built.sorted() {
                let written = try Data(contentsOf: output.appendingPathComponent(path))
                try await client.execute(uri: "/.well-known/csaf/" + path, method: .get) { response in
                    #expect(response.status == .ok, "\(path)")
                    let served = Data(buffer: response.body)
                    if path.hasSuffix("index.txt") || path.hasSuffix("changes.csv") {
                        // The preview includes drafts: its lists hold every line of the build's.
                        let lines = String(decoding: served, as: UTF8.self).split(separator: "\n")
                        for line in String(decoding: written, as: UTF8.self).split(separator: "\n") { #expect(lines.contains(line), "\(path): \(line)") }
                    } else {
                        #expect(served == written, "\(path) differs from the build's file")
                    }
                }
            }
            try await client.execute(uri: "/.well-known/csaf/provider-metadata.json", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json")
            }
        }
    }
}
