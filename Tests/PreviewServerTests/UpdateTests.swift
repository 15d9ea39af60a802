import Foundation
import Hummingbird
import HummingbirdTesting
import PreviewServer
import Testing

/// What a change does to the served site, without the watcher (the batches it would send).
@Suite("Preview updates")
struct UpdateTests {
    static let page = "/zh-cn/securityadvisories/2008/954474/"

    func body(_ server: PreviewServer, _ path: String) async throws -> (HTTPResponse.Status, String) {
        try await server.application().test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            return (response.status, String(buffer: response.body))
        }
    }

    @Test("A template change is picked up; a broken template shows the error, a fixed one the page again")
    func templates() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = PreviewServer(site: try fixture.site(), options: .init(port: 0, watch: false))
        let template = fixture.root.appendingPathComponent("templates/page.mustache").path
        let original = try String(contentsOfFile: template, encoding: .utf8)
        let version = server.site.version

        try original.replacingOccurrences(of: "<main>", with: "<main><p>TEMPLATE-MARK</p>").write(toFile: template, atomically: true, encoding: .utf8)
        server.apply(ChangeBatch(paths: [template]))
        #expect(server.site.version == version + 1)
        #expect(try await body(server, Self.page).1.contains("TEMPLATE-MARK"))

        try (original + "{{#unclosed}}").write(toFile: template, atomically: true, encoding: .utf8)
        server.apply(ChangeBatch(paths: [template]))
        let (status, broken) = try await body(server, Self.page)
        #expect(status == .internalServerError)
        #expect(broken.contains("id=\"herald-diagnostics\"") && broken.contains("CFG001"))

        try original.write(toFile: template, atomically: true, encoding: .utf8)
        server.apply(ChangeBatch(paths: [template]))
        let (fixed, page) = try await body(server, Self.page)
        #expect(fixed == .ok && page.contains("原始正文。") && !page.contains("TEMPLATE-MARK"))
    }

    @Test("A change to site.yml reloads everything with the new configuration")
    func configuration() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let server = PreviewServer(site: try fixture.site(), options: .init(port: 0, watch: false))
        let yml = try String(contentsOfFile: fixture.configurationFile, encoding: .utf8)
        try yml.replacingOccurrences(of: "title: 测试", with: "title: 改过的标题").write(toFile: fixture.configurationFile, atomically: true, encoding: .utf8)
        server.apply(ChangeBatch(paths: [fixture.configurationFile]))
        #expect(try await body(server, "/zh-cn/").1.contains("改过的标题"))
    }

    @Test("Files nobody uses change nothing")
    func unrelated() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let site = try fixture.site()
        #expect(site.apply(ChangeBatch(paths: [fixture.root.appendingPathComponent("outside/passwd.png").path])) == nil)
        #expect(site.version == 1)
    }

    @Test("Request paths", arguments: [
        ("/", ""), ("/zh-cn/", "zh-cn/"), ("/zh-cn/a%20b/", "zh-cn/a b/"), ("/zh-cn//a", "zh-cn/a"), ("/a?x=/../", "a"),
    ])
    func requestPaths(target: String, path: String) {
        #expect(RequestPath(target: target)?.path == path)
    }

    @Test("Refused request paths", arguments: ["", "a", "/..", "/a/../b", "/%2e%2e/", "/a%2fb", "/a%5Cb", "/a\\b", "/%00", "/%zz", "/a/./b", "/%0a"])
    func refusedPaths(target: String) {
        #expect(RequestPath(target: target) == nil)
    }
}
