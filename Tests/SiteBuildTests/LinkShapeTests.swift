import Foundation
@testable import SiteBuild
import Testing
import XMLValidation

@Suite("Link shapes (LINK002)")
struct LinkShapeTests {
    @Test("What a link's text alone shows to be broken", arguments: [
        ("", "empty destination"),
        (" \t", "empty destination"),
        ("\u{3000}", "empty destination"),
        ("\u{200B}", "empty destination"),
        ("..\\images\\a.gif", "backslash inside the URL"),
        ("https://例子.org/", "CJK text inside the URL"),
        ("https://intranet/path", "host 'intranet' has no dot"),
        ("HTTPS://INTRANET/path", "host 'intranet' has no dot"),
        ("https:///path", "no host"),
        ("https://www.microsoft.com/technet/security/bulletin/ms08-001.mspx", nil),
        ("ms08-001.md#faq", nil),
        ("mailto:secure@microsoft.com", nil),
    ] as [(String, String?)])
    func problem(url: String, expected: String?) {
        #expect(LinkShape.problem(url) == expected)
    }

    @Test("Splitting a URL at a separator: by bytes when ASCII, by Characters otherwise, the same pieces", arguments: [
        ("https://technet.microsoft.com/library/ms08-001.aspx?f=255&MSPPError=1", UInt8(ascii: "?"), Int.max, true,
         ["https://technet.microsoft.com/library/ms08-001.aspx", "f=255&MSPPError=1"]),
        ("//a//b/", UInt8(ascii: "/"), Int.max, true, ["a", "b"]),
        ("ms08-001.md#faq#x", UInt8(ascii: "#"), 1, false, ["ms08-001.md", "faq#x"]),
        ("#top", UInt8(ascii: "#"), 1, false, ["", "top"]),
        ("a\r\n/b", UInt8(ascii: "/"), Int.max, true, ["a\r\n", "b"]),
        ("文档/图片.png#节", UInt8(ascii: "#"), 1, false, ["文档/图片.png", "节"]),
        // A combining mark after the separator makes one Character of both: no split there.
        ("a/\u{301}b/c", UInt8(ascii: "/"), Int.max, true, ["a/\u{301}b", "c"]),
    ] as [(String, UInt8, Int, Bool, [String])])
    func pieces(text: String, separator: UInt8, maxSplits: Int, omitting: Bool, expected: [String]) {
        #expect(text.pieces(at: separator, maxSplits: maxSplits, omittingEmptySubsequences: omitting).map(String.init) == expected)
    }
}

@Suite("Links to TechNet and Microsoft pages rewritten to the site's pages")
struct LinkResolverTests {
    @Test("An http(s) link resolves by its host and last segment, the same when asked again", arguments: [
        ("https://technet.microsoft.com/library/security/ms16-001.aspx", "/zh-cn/securitybulletins/2016/ms16-001/"),
        ("HTTPS://TechNet.Microsoft.com/Library/MS16-001.aspx?f=255", "/zh-cn/securitybulletins/2016/ms16-001/"),
        ("https://technet.microsoft.com/zh-cn/library/954474(v=Security.10)", "/zh-cn/securityadvisories/2008/954474/"),
        ("https://www.microsoft.com/technet/security/advisory/954474.mspx", "/zh-cn/securityadvisories/2008/954474/"),
        ("https://www.microsoft.com/en-us/download/954474", nil),
        ("https://example.com/library/ms16-001.aspx", nil),
        ("https://technet.microsoft.com/library/ms99-999.aspx", nil),
        ("http://user@LEARN.Microsoft.COM:443/library/security/ms16-001.aspx", "/zh-cn/securitybulletins/2016/ms16-001/"),
        ("https://technet.microsoft.com.example.org/library/ms16-001.aspx", nil),
        ("https://technet.microsoft.co/library/ms16-001.aspx", nil),
        ("https://technet.ｍicrosoft.com/library/ms16-001.aspx", nil),
        ("https://technet.microsoft.com/library/ms16-001/", "/zh-cn/securitybulletins/2016/ms16-001/"),
        ("https://www.microsoft.com/technet/security/bulletin/MS16-001.mspx?x=/a/b", "/zh-cn/securitybulletins/2016/ms16-001/"),
        ("https://docs.microsoft.com/security/ms16-001(v=1).aspx", "/zh-cn/securitybulletins/2016/ms16-001/"),
        ("https://www.microsoft.com/library/ms16-001.aspx.mspx", nil),
        ("https://www.microsoft.com/technet/", nil),
        ("https://technet.microsoft.com/zh-cn/library/文档/ms16-001.aspx", "/zh-cn/securitybulletins/2016/ms16-001/"),
        ("https://technet.microsoft.com/zh-cn/library/文档/ms16-001.aspx/", "/zh-cn/securitybulletins/2016/ms16-001/"),
    ] as [(String, String?)])
    func absoluteLinks(url: String, expected: String?) throws {
        let workspace = try Workspace("resolver")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let snapshot = try SiteSnapshot.load(configuration: try workspace.configuration()).get()
        let resolver = try #require(snapshot.site.resolvers["zh-CN"])
        let expectation: LinkResolver.Resolution = expected.map { .local($0) } ?? .unchanged
        #expect(resolver.resolve(url, from: "SecurityAdvisories/2010/2269637.md") == expectation)
        #expect(resolver.resolve(url, from: "SecurityBulletins/2016/ms16-001.md") == expectation)
        // A page's target: the host read once; the table of the page's checked links is not asked.
        #expect(resolver.target(of: url, from: "SecurityBulletins/2016/ms16-001.md", checked: [url: "/checked/"]) == expected ?? url)
    }

    @Test("A page's link that is not http(s): the target of its checked links' table, else resolved now", arguments: [
        ("a checked link", "../2008/954474.md", ["../2008/954474.md": "/checked/"], "/checked/"),
        ("not checked", "../2008/954474.md", [:], "/zh-cn/securityadvisories/2008/954474/"),
        ("not checked, with a fragment", "../2008/954474.md#faq", ["../2008/954474.md": "/checked/"], "/zh-cn/securityadvisories/2008/954474/#faq"),
        ("missing, not checked", "../2008/999999.md", [:], "../2008/999999.md"),
        ("a fragment", "#faq", [:], "#faq"),
        ("another scheme", "mailto:secure@microsoft.com", ["mailto:secure@microsoft.com": "/checked/"], "/checked/"),
    ] as [(String, String, [String: String], String)])
    func pageTargets(name: String, url: String, checked: [String: String], expected: String) throws {
        let workspace = try Workspace("resolver-page")
        defer { try? FileManager.default.removeItem(at: workspace.root) }
        let snapshot = try SiteSnapshot.load(configuration: try workspace.configuration()).get()
        let resolver = try #require(snapshot.site.resolvers["zh-CN"])
        #expect(resolver.target(of: url, from: "SecurityAdvisories/2010/2269637.md", checked: checked) == expected, "\(name)")
    }

    @Test("A document is found by its file name without .md, in any case", arguments: [
        ("SecurityAdvisories/2008/954474.md", "954474"),
        ("SecurityBulletins/2016/MS16-001.md", "ms16-001"),
        ("top.md", "top"),
        ("文档/安全公告.MD", "安全公告"),
        ("a/b.md.md", "b.md"),
    ])
    func stems(relativePath: String, expected: String) {
        #expect(LinkResolver.stem(of: relativePath) == expected)
    }

    @Test("The page key of an ASCII URL, read from its bytes", arguments: [
        ("https://technet.microsoft.com/library/security/ms16-001.aspx", .key("ms16-001")),
        ("HTTPS://WWW.Microsoft.com/technet/security/bulletin/MS08-067.MSPX?f=1/2", .key("ms08-067")),
        ("https://www.microsoft.com/en-us/download/954474", .unchanged),
        ("https://technet.microsoft.com/", .key("technet.microsoft.com")),
        ("https://technet.microsoft.com/zh-cn/library/文档.aspx", .notASCII),
        ("https://example.com/library/x.aspx", .unchanged),
        ("https://learn.microsoft.com/library/954474(v=security.10).aspx", .key("954474")),
        ("https://docs.microsoft.com/library/a.aspx.mspx", .key("a.aspx")),
        ("https://docs.microsoft.com/library/a.mspx.aspx", .key("a")),
        ("https://technet.microsoft.com//x//", .key("x")),
    ] as [(String, LinkResolver.PageKey)])
    func pageKeys(url: String, expected: LinkResolver.PageKey) throws {
        let bytes = Array(url.utf8)
        let key = try bytes.withUnsafeBufferPointer { bytes in
            let host = try #require(URLSafety.httpAuthorityRanges(in: bytes)?.host)
            return LinkResolver.pageKey(ofASCII: bytes, host: host)
        }
        #expect(key == expected)
    }

    @Test("An http(s) URL on a host other than TechNet's and Microsoft's is known unchanged from its bytes", arguments: [
        ("https://example.com/library/ms16-001.aspx", true),
        ("HTTP://Example.COM", true),
        ("https://technet.microsoft.com.example.org/", true),
        ("https://TECHNET.microsoft.com/library/ms16-001.aspx", false),
        ("https://user:pw@www.microsoft.com:80/technet/", false),
        ("https://docs.microsoft.com#x", false),
        ("https://ｗww.microsoft.com/", false),
        ("../2016/ms16-001.md", false),
        ("mailto:secure@microsoft.com", false),
        ("#top", false),
    ] as [(String, Bool)])
    func foreignHTTP(url: String, foreign: Bool) {
        #expect((LinkResolver.httpHost(of: url)?.isForeign ?? false) == foreign)
    }
}
