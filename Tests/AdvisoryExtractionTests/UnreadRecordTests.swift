import AdvisoryExtraction
import AdvisoryModel
import Testing

/// The record of a file that could not be read comes from its path alone, the same wherever it is made.
@Suite("Records of unreadable files")
struct UnreadRecordTests {
    @Test("Id, kind and title come from the path", arguments: [
        ("advisory", "SecurityAdvisories/2008/954474.md", "954474", DocumentKind.advisory),
        ("bulletin", "SecurityBulletins/2016/ms16-001.md", "MS16-001", .bulletin),
        ("landing page", "SecurityAdvisories/index.md", "SecurityAdvisories-index", .landing),
    ])
    func fromPath(name: String, relative: String, id: String, kind: DocumentKind) {
        let advisory = Advisory.unread(path: "/content/zh-cn/" + relative, relative: relative, locale: "zh-CN")
        #expect(advisory.id == id, "\(name)")
        #expect(advisory.kind == kind, "\(name)")
        #expect(advisory.title == id, "\(name)")
        #expect(advisory.locale == "zh-CN" && advisory.source.path == "/content/zh-cn/" + relative && advisory.source.lines.isEmpty)
    }
}
