import AdvisoryExtraction
import Testing

/// The slug of a content file: its path below the content root in lower case, without `.md`,
/// every character but `a-z 0-9 - _ / .` written as `-`, and a folder's `index.md` named by
/// the folder. ASCII paths take a byte-by-byte path, the others Unicode's lower case.
@Suite("Document slugs")
struct DocumentSlugTests {
    @Test("the slug of a content path", arguments: [
        ("an advisory", "SecurityAdvisories/2008/954474.md", "securityadvisories/2008/954474"),
        ("a bulletin with a capital extension", "SecurityBulletins/2016/MS16-001.MD", "securitybulletins/2016/ms16-001"),
        ("an extension in mixed case", "Library/notes.Md", "library/notes"),
        ("a folder's index", "Library/index.md", "library"),
        ("a folder's index in capitals", "Sub/INDEX.md", "sub"),
        ("the content root's own index", "index.md", "index"),
        ("spaces and signs", "Docs/Read Me+Notes.md", "docs/read-me-notes"),
        ("another extension is kept", "a/b/c.markdown", "a/b/c.markdown"),
        ("a file named only .md", ".md", ""),
        ("a letter with an umlaut", "Ärger/Datei.md", "-rger/datei"),
        ("a capital whose lower case is two scalars", "Dİ.md", "di-"),
        ("ideographs", "安全/通报.md", "--/--"),
    ])
    func slug(name: String, relative: String, expected: String) {
        #expect(DocumentPath.slug(for: relative) == expected)
    }
}
