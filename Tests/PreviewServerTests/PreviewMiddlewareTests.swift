import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PreviewServer
import Testing

/// The middleware every request passes: `nosniff` on every answer, refusals included.
@Suite("Preview middleware")
struct PreviewMiddlewareTests {
    @Test("Every answer carries X-Content-Type-Options: nosniff", arguments: [
        ("page", HTTPRequest.Method.get, goodPage, HTTPResponse.Status.ok),
        ("HEAD of a page", .head, goodPage, .ok),
        ("missing page", .get, "/zh-cn/securityadvisories/1999/000000/", .notFound),
        ("refused path", .get, "/%2e%2e/etc/passwd", .badRequest),
        ("POST", .post, goodPage, .methodNotAllowed),
        ("event stream (HEAD)", .head, "/_herald/events", .ok),
    ])
    func nosniff(name: String, method: HTTPRequest.Method, path: String, status: HTTPResponse.Status) async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let app = PreviewServer(site: try fixture.site(), options: .init(port: 0, watch: false)).application()
        let field = try #require(HTTPField.Name("X-Content-Type-Options"))
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: method) { response in
                #expect(response.status == status, "\(name)")
                #expect(response.headers[field] == "nosniff", "\(name)")
            }
        }
    }
}
