import AdvisoryModel
import Foundation
@testable import SiteRendering
import Testing
import XMLValidation

/// The hand-written fast paths that replaced Foundation calls on the hot path of a build agree
/// with the reference they replaced (Foundation itself, where it is the reference) or with the
/// RFC they implement.
@Suite("Fast paths")
struct FastPathTests {
    // MARK: Well-formedness without a tree

    @Test("Well-formed XML has no problems", arguments: [
        "<p>a &amp; b &#160; &lt;<br/></p>",
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><title>x</title></head><body><p>中文</p></body></html>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
        "<a><![CDATA[<not markup>]]><!-- note --><?pi x?></a>",
    ])
    func wellFormed(xml: String) {
        #expect(XMLChecker.wellFormednessProblems(of: Array(xml.utf8)).isEmpty)
    }

    @Test("Malformed XML is reported with the line of the problem", arguments: [
        ("<a><b></a>", 1),
        ("<p>\n<br>\n</p>", 3),
        ("<p>\n&nbsp;</p>", 2),
        ("", 1),
        ("<a>\n</a>\n<b/>", 3),
        ("<a x=\"1\" x=\"2\"/>", 1),
    ])
    func malformed(xml: String, line: Int) throws {
        let first = try #require(XMLChecker.wellFormednessProblems(of: Array(xml.utf8)).first)
        #expect(first.line == line, "\(first)")
    }

    // MARK: Trimming without NSString

    @Test("ScalarClass agrees with CharacterSet on every scalar up to U+FFFF and a few beyond")
    func scalarClassesMatchCharacterSet() {
        let scalars = (0...0xFFFF).compactMap(Unicode.Scalar.init) + [Unicode.Scalar(0x1F600)!, Unicode.Scalar(0xE0020)!]
        for scalar in scalars {
            #expect(ScalarClass.isSpace(scalar) == CharacterSet.whitespaces.contains(scalar), "U+\(String(scalar.value, radix: 16))")
            #expect(ScalarClass.isSpaceOrNewline(scalar) == CharacterSet.whitespacesAndNewlines.contains(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test("trimmingScalars gives what trimmingCharacters(in:) gives", arguments: [
        "", " ", "  a b  ", "\t\n x \r\n", "\u{3000}发布日期：\u{3000}", "\u{A0}Answer\u{2028}", "\u{85}x\u{85}", "e\u{301} ", " \u{301}x",
    ])
    func trimming(text: String) {
        #expect(text.trimmingScalars(ScalarClass.isSpace) == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingScalars(ScalarClass.isSpaceOrNewline) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: URL authority

    @Test("The authority of http(s) URLs is split without URL", arguments: [
        ("https://www.microsoft.com/technet/x.mspx", nil, "www.microsoft.com", nil),
        ("HTTP://Example.org:8080/a?b#c", nil, "Example.org", "8080"),
        ("http://user:pw@host.example:1/", "user:pw", "host.example", "1"),
        ("http://a@b@c.d/", "a@b", "c.d", nil),
        ("https://example.org?q=1", nil, "example.org", nil),
        ("https://example.org#top", nil, "example.org", nil),
        ("http://", nil, "", nil),
        ("http://:80/", nil, "", "80"),
    ] as [(String, String?, String, String?)])
    func authority(url: String, userinfo: String?, host: String, port: String?) throws {
        let authority = try #require(URLSafety.httpAuthority(of: url))
        #expect(authority.userinfo.map(String.init) == userinfo)
        #expect(String(authority.host) == host)
        #expect(authority.port.map(String.init) == port)
    }

    @Test("URLs that are not http(s) have no authority", arguments: ["ftp://a.b/", "/zh-cn/x.html", "mailto:a@b.c", "http:/a.b", "httpx://a.b", "", "https:"])
    func noAuthority(url: String) {
        #expect(URLSafety.httpAuthority(of: url) == nil)
    }

    // MARK: URL schemes

    @Test("Safe URLs keep their text, trimmed of line space; unknown schemes are refused", arguments: [
        ("https://example.org/a", "https://example.org/a"),
        ("  /zh-cn/ms08-001.html\n", "/zh-cn/ms08-001.html"),
        ("MAILTO:secure@microsoft.com", "MAILTO:secure@microsoft.com"),
        ("ms08-001.md#faq", "ms08-001.md#faq"),
        ("../images/a:b.gif", "../images/a:b.gif"),
        ("?q=a:b", "?q=a:b"),
        ("\t", ""),
        ("javascript:alert(1)", nil),
        ("JaVaScRiPt:alert(1)", nil),
        ("java\tscript:alert(1)", nil),
        (" java\u{0}script:alert(1)", nil),
        ("java\u{85}script:alert(1)", nil),
        ("data:text/html,x", nil),
        ("vbscript:msgbox", nil),
        ("jävascript:x", nil),
    ] as [(String, String?)])
    func safeURL(url: String, expected: String?) {
        #expect(URLSafety.safeURL(url) == expected)
    }

    // MARK: CSAF references

    @Test("Usable CSAF reference URLs (RFC 3986, dotted host)", arguments: [
        ("https://support.microsoft.com/kb/954474", true),
        ("http://go.microsoft.com/fwlink/?LinkId=21129", true),
        ("https://example.org:443/a%20b", true),
        ("https://user@example.org/", true),
        ("https://example.org./", false),
        ("https://localhost/", false),
        ("https://example.org:80x/", false),
        ("https://exa_mple.org/", true),
        ("https://example.org/a b", false),
        ("https://example.org/%zz", false),
        ("https://example.org/%4", false),
        ("https://example.org/{x}", false),
        ("https://example.org/[1]", false),
        ("https://[::1]/", false),
        ("https://例子.org/", false),
        ("ftp://example.org/", false),
        ("/relative/path", false),
    ])
    func usableURL(url: String, usable: Bool) {
        #expect(CSAFWriter.isUsableURL(url) == usable)
    }

    // MARK: CSAF timestamps against ISO8601DateFormatter

    static func reference(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = fractional.date(from: text) { return date }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)
    }

    @Test("RFC 3339 timestamps give the instant ISO8601DateFormatter gives", arguments: [
        "2008-06-13T00:00:00Z", "2008-06-13T00:00:00.000Z", "2008-06-13T00:00:00.5Z", "1970-01-01T00:00:00Z",
        "2024-02-29T23:59:59Z", "2008-06-13T08:00:00+08:00", "2008-06-12T19:30:00-04:30", "1999-12-31T23:59:59.123456Z",
        "2100-03-01T12:00:00Z", "1969-07-20T20:17:40Z",
    ])
    func timestamps(text: String) throws {
        let expected = try #require(Self.reference(text))
        let instant = try #require(CSAFTimestamp(text).instant)
        let seconds = Double(instant.seconds) + Double(instant.nanoseconds) / 1e9
        #expect(abs(seconds - expected.timeIntervalSince1970) < 0.001)
    }

    @Test("Text that is not an RFC 3339 date-time has no instant", arguments: [
        "2008-06-13", "2008-06-13T00:00:00", "2008-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2008-06-13T24:00:00Z",
        "2008-06-13T00:00:00.Z", "2008-06-13 00:00:00Z", "2008-06-13T00:00:00+0800", "x",
    ])
    func notTimestamps(text: String) {
        #expect(CSAFTimestamp(text).instant == nil)
    }

    @Test("Timestamps order by instant across offsets, by text otherwise")
    func timestampOrder() {
        #expect(CSAFTimestamp("2008-06-13T08:00:00+08:00") == CSAFTimestamp("2008-06-13T00:00:00Z"))
        #expect(CSAFTimestamp("2008-06-13T07:00:00+08:00") < CSAFTimestamp("2008-06-13T00:00:00Z"))
        #expect(CSAFTimestamp("2008-06-13T00:00:00.1Z") > CSAFTimestamp("2008-06-13T00:00:00Z"))
        #expect(CSAFTimestamp("a") < CSAFTimestamp("b"))
    }
}
