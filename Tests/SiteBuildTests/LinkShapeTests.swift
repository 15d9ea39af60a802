@testable import SiteBuild
import Testing

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
}
