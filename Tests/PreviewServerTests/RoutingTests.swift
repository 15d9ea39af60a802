import Foundation
import Hummingbird
import HummingbirdTesting
import PreviewServer
import Testing

let goodPage = "/zh-cn/securityadvisories/2008/954474/"

/// Requests sent straight to the responder (`.router`), on a fixture site, without watching.
@Suite("Preview routing")
struct RoutingTests {
    let fixture: Fixture
    let app: Application<PreviewResponder>

    init() throws {
        fixture = try Fixture()
        app = PreviewServer(site: try fixture.site(), options: .init(port: 0, watch: false)).application()
    }

    static let page = goodPage

    @Test("A document page is rendered from the snapshot, with the reload script")
    func page() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: Self.page, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let body = String(buffer: response.body)
                #expect(body.contains("Microsoft 安全通报 954474"))
                #expect(body.contains("原始正文。"))
                #expect(body.contains("<script src=\"/_herald/reload.js\"></script>"))
            }
            try await client.execute(uri: Self.page + "index.html", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("原始正文。"))
            }
            try await client.execute(uri: String(Self.page.dropLast()), method: .get) { response in
                #expect(response.status == .movedPermanently)
                #expect(response.headers[.location] == Self.page)
            }
            try await client.execute(uri: Self.page + "?utm=1", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/zh-cn/securityadvisories/1999/000000/", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("/_herald/reload.js"))
            }
        }
    }

    @Test("Drafts appear in preview")
    func draft() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/zh-cn/securityadvisories/2011/993333/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("草稿正文。"))
            }
        }
    }

    @Test("Content types of every kind of output", arguments: [
        (goodPage, "text/html; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/zh-cn/", "text/html; charset=utf-8"),
        ("/zh-cn/search/", "text/html; charset=utf-8"),
        (goodPage + "index.json", "application/json"),
        ("/zh-cn/index.json", "application/json"),
        ("/zh-cn/search.json", "application/json"),
        ("/zh-cn/feed.json", "application/feed+json"),
        ("/zh-cn/rss.xml", "application/rss+xml"),
        ("/zh-cn/atom.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/assets/site.css", "text/css; charset=utf-8"),
        ("/assets/search.js", "text/javascript; charset=utf-8"),
        ("/_herald/reload.js", "text/javascript; charset=utf-8"),
        ("/zh-cn/images/logo.png", "image/png"),
    ])
    func contentTypes(path: String, type: String) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == type, "\(path)")
                #expect(response.body.readableBytes > 0, "\(path)")
                #expect(response.headers[.eTag] != nil, "\(path)")
            }
        }
    }

    @Test("ETag and If-None-Match give 304; a changed tag gives the page again")
    func conditionalGet() async throws {
        try await app.test(.router) { client in
            let first = try await client.execute(uri: Self.page, method: .get)
            let tag = try #require(first.headers[.eTag])
            #expect(tag.hasPrefix("\"") && tag.hasSuffix("\""))
            let again = try await client.execute(uri: Self.page, method: .get)
            #expect(again.headers[.eTag] == tag, "the tag is a hash of the bytes, stable between requests")
            for condition in [tag, "W/" + tag, "\"other\", " + tag, "*"] {
                try await client.execute(uri: Self.page, method: .get, headers: [.ifNoneMatch: condition]) { response in
                    #expect(response.status == .notModified, "\(condition)")
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.eTag] == tag)
                }
            }
            try await client.execute(uri: Self.page, method: .get, headers: [.ifNoneMatch: "\"0000000000000000-0\""]) { response in
                #expect(response.status == .ok)
                #expect(response.body == first.body)
            }
            try await client.execute(uri: "/assets/site.css", method: .get) { css in
                let cssTag = try #require(css.headers[.eTag])
                #expect(cssTag != tag)
                try await client.execute(uri: "/assets/site.css", method: .get, headers: [.ifNoneMatch: cssTag]) { response in
                    #expect(response.status == .notModified)
                }
            }
        }
    }

    @Test("HEAD gives the headers of GET and no body")
    func head() async throws {
        try await app.test(.router) { client in
            let get = try await client.execute(uri: Self.page, method: .get)
            try await client.execute(uri: Self.page, method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] == String(get.body.readableBytes))
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[.eTag] == get.headers[.eTag])
            }
            try await client.execute(uri: "/zh-cn/feed.json", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/feed+json")
                #expect(response.body.readableBytes == 0)
            }
        }
    }

    @Test("Methods other than GET and HEAD get 405", arguments: [HTTPRequest.Method.post, .put, .delete, .patch, .options])
    func otherMethods(method: HTTPRequest.Method) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: Self.page, method: method, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
            }
        }
    }

    @Test("Nothing outside the site is served", arguments: [
        "/../etc/passwd", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd",
        "/zh-cn/..%2f..%2fetc/passwd", "/zh-cn/..%2F..%2F", "/zh-cn/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/zh-cn/..\\..\\etc\\passwd", "/zh-cn/%5c..%5c..%5cetc%5cpasswd", "/..%5c..%5cetc/passwd",
        "/zh-cn/images/../../../outside/passwd.png", "/zh-cn/./images/logo.png", "/%00", "/zh-cn/%ff%fe",
        "/etc/passwd", "//etc/passwd", "/zh-cn/images/secret.png", "/zh-cn/securityadvisories/2008/900000/",
        "/content/zh-cn/SecurityAdvisories/2008/954474.md", "/zh-cn/securityadvisories/2008/954474.md", "/site.yml", "/templates/page.mustache",
    ])
    func traversal(path: String) async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: path, method: .get) { response in
                #expect([.badRequest, .notFound].contains(response.status), "\(path) → \(response.status)")
                let body = String(buffer: response.body)
                #expect(!body.contains("root:x"), "\(path)")
                #expect(!body.contains("SECRET OUTSIDE"), "\(path)")
            }
        }
    }

    @Test("A problem of a document is listed in its page's diagnostics panel, with its file, line and column")
    func diagnosticsPanel() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/zh-cn/securityadvisories/2009/971111/", method: .get) { response in
                #expect(response.status == .ok)
                let body = String(buffer: response.body)
                #expect(body.contains("<section class=\"diagnostics\" id=\"herald-diagnostics\">"))
                let location = "\(fixture.content.path)/\(Fixture.undated):\(Fixture.undatedTitleLine):1"
                #expect(body.contains("<code>DATE001</code> <span class=\"location\">\(location)</span>: no published date found after the title"))
            }
            try await client.execute(uri: Self.page, method: .get) { response in
                #expect(!String(buffer: response.body).contains("herald-diagnostics"), "a clean document has no panel")
            }
        }
    }

    @Test("A document that cannot be read shows an error page with its numbered source lines")
    func unreadableDocument() async throws {
        try await app.test(.router) { client in
            try await client.execute(uri: "/zh-cn/securityadvisories/2010/982222/", method: .get) { response in
                #expect(response.status == .internalServerError)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let body = String(buffer: response.body)
                #expect(body.contains("id=\"herald-diagnostics\""))
                #expect(body.contains("<code>IO002</code> <span class=\"location\">\(fixture.content.path)/\(Fixture.binary):4:1</span>: binary file: NUL byte found"))
                #expect(body.contains("<span class=\"line\"><span class=\"number\">2</span> Title: 二进制</span>"))
                #expect(body.contains("<span class=\"line problem\"><span class=\"number\">4</span> ␀␁␂A</span>"))
                #expect(body.contains("<span class=\"number\">5</span> 最后一行"))
                #expect(body.contains("/_herald/reload.js"))
            }
        }
    }
}
