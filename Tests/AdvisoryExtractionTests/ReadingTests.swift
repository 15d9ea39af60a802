import AdvisoryExtraction
import AdvisoryModel
import Testing

@Suite("Reading bytes")
struct SourceTextTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var text: String
        var bom = false
        var diagnostic: (code: DiagnosticCode, line: Int)?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "UTF-8 BOM is stripped", bytes: [0xEF, 0xBB, 0xBF] + Array("# T\n".utf8), text: "# T\n", bom: true),
        Case(name: "CRLF becomes LF", bytes: Array("a\r\nb\r\n".utf8), text: "a\nb\n"),
        Case(name: "lone CR becomes LF", bytes: Array("a\rb\r\nc".utf8), text: "a\nb\nc"),
        Case(name: "CR CR LF is two line ends", bytes: Array("a\r\r\nb".utf8), text: "a\n\nb"),
        Case(name: "invalid UTF-8 becomes U+FFFD with ENC001", bytes: [0x61, 0x0A, 0xFF, 0x62], text: "a\n\u{FFFD}b", diagnostic: (.enc001, 2)),
        Case(name: "invalid UTF-8 after CRLF lines: ENC001 on the file's line", bytes: Array("a\r\nb\r\n".utf8) + [0xFF] + Array("c\r\n".utf8),
             text: "a\nb\n\u{FFFD}c\n", diagnostic: (.enc001, 3)),
        Case(name: "a CR ends a truncated sequence and still becomes LF", bytes: [0x61, 0xE4, 0xB8, 0x0D, 0x0A, 0x62],
             text: "a\u{FFFD}\nb", diagnostic: (.enc001, 1)),
        Case(name: "NUL byte marks a binary file", bytes: Array("a\nb".utf8) + [0x00, 0x63], text: "", diagnostic: (.io002, 2)),
    ]

    @Test("decoding", arguments: cases)
    func decoding(_ c: Case) {
        let source = SourceText(bytes: c.bytes, path: "x.md")
        #expect(source.text == c.text)
        #expect(source.hadByteOrderMark == c.bom)
        if let expected = c.diagnostic {
            #expect(source.diagnostics.map(\.code) == [expected.code])
            #expect(source.diagnostics.first?.location.line == expected.line)
        } else {
            #expect(source.diagnostics.isEmpty)
        }
    }

    @Test("an invalid file still extracts, with ENC001")
    func invalidFileExtracts() {
        let bytes = Array("---\nTitle: T\n---\n\nT\n=\n\nx ".utf8) + [0xC3] + Array(" y\n".utf8)
        let result = AdvisoryExtractor().extract(bytes: bytes, path: "content/zh-cn/SecurityAdvisories/2008/954474.md")
        #expect(result.codes.contains(.enc001))
        #expect(result.advisory.title == "T")
    }
}

@Suite("Front matter")
struct FrontMatterTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var text: String
        var present: Bool
        var fields: [String: String] = [:]
        var bodyStartLine: Int
        var body: String
        var codes: [DiagnosticCode] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "canonical", text: "---\nTitle: A\n---\nbody\n", present: true, fields: ["Title": "A"], bodyStartLine: 4, body: "body\n"),
        Case(name: "leading blank lines", text: "\n\n---\nTitle: A\n---\nbody", present: true, fields: ["Title": "A"],
             bodyStartLine: 6, body: "body", codes: [.fm004]),
        Case(name: "opening indented by 4 spaces", text: "    ---\nTOCTitle: 'MS07-JAN'\n---\nbody", present: true,
             fields: ["TOCTitle": "MS07-JAN"], bodyStartLine: 4, body: "body", codes: [.fm004]),
        Case(name: "doubled opening ---", text: "---\n---\nTOCTitle: 'MS15-056'\n---\nbody", present: true,
             fields: ["TOCTitle": "MS15-056"], bodyStartLine: 5, body: "body", codes: [.fm004]),
        Case(name: "no front matter", text: "# Microsoft 安全通报 4092731\n", present: false, bodyStartLine: 1,
             body: "# Microsoft 安全通报 4092731\n", codes: [.fm003]),
        Case(name: "never closes", text: "---\nTitle: A\nbody\n", present: false, bodyStartLine: 1, body: "---\nTitle: A\nbody\n", codes: [.fm002]),
        Case(name: "invalid YAML falls back to key: value lines",
             text: "---\nTitle: 2007 Sicherheitshandbuch: Bedrohungen – Seite 2\nTOCTitle: Seite 2\n---\nbody",
             present: true, fields: ["Title": "2007 Sicherheitshandbuch: Bedrohungen – Seite 2", "TOCTitle": "Seite 2"],
             bodyStartLine: 5, body: "body", codes: [.fm001]),
        Case(name: "numbers stay strings", text: "---\nTOCTitle: 954474\nms:contentKeyID: 61236394\n---\n", present: true,
             fields: ["TOCTitle": "954474", "ms:contentKeyID": "61236394"], bodyStartLine: 5, body: ""),
        Case(name: "leading zeros are kept", text: "---\nTOCTitle: 0954474\n---\n", present: true,
             fields: ["TOCTitle": "0954474"], bodyStartLine: 4, body: ""),
    ]

    @Test("splitting", arguments: cases)
    func splitting(_ c: Case) {
        let split = FrontMatterReader.split(c.text, path: "x.md")
        #expect(split.frontMatter.isPresent == c.present)
        for (key, value) in c.fields {
            #expect(split.frontMatter[key] == value, "\(key)")
        }
        #expect(split.frontMatter.bodyStartLine == c.bodyStartLine)
        #expect(String(split.body) == c.body)
        #expect(split.diagnostics.map(\.code) == c.codes)
    }

    @Test("the FM001 diagnostic points at the bad line")
    func invalidYAMLLine() {
        let split = FrontMatterReader.split("---\nTOCTitle: X\nTitle: a: b\n---\n", path: "x.md")
        #expect(split.diagnostics.first?.code == .fm001)
        #expect(split.diagnostics.first?.location.line == 3)
    }

    @Test("title falls back to the first heading without front matter")
    func titleFromHeading() {
        let result = extract("\u{FEFF}# Microsoft 安全通报 4092731\n\n# Azure 云服务计算机密钥生成算法更新\n",
                             path: "content/zh-cn/SecurityAdvisories/2018/4092731.md")
        #expect(result.advisory.title == "Microsoft 安全通报 4092731")
        #expect(result.codes.isSuperset(of: [.fm003, .doc003]))
        #expect(result.advisory.id == "4092731")
    }
}

@Suite("Coverage report")
struct CoverageReportTests {
    @Test("counts fields per kind and lists missing expected fields in path order")
    func report() {
        let bulletin = "---\nTitle: B\n---\n\nB\n=\n\nsubtitle (3124903)\n--------\n\n发布时间: 2016年1月12日\n\n**版本:** 1.0\n\nCVE-2016-0002\n\n### 修订版本\n\n-   V1.0（2016 年 1 月 12 日）：公告已发布。\n"
        let advisory = "---\nTitle: A\n---\n\nA\n=\n\nno date here\n"
        let extractor = AdvisoryExtractor()
        let docs = [
            ("content/zh-cn/SecurityBulletins/2016/ms16-001.md", bulletin),
            ("content/zh-cn/SecurityAdvisories/2016/3000000.md", advisory),
        ].map { path, text in
            let result = extractor.extract(bytes: Array(text.utf8), path: path, locale: "zh-CN")
            return ScannedDocument(path: path, advisory: result.advisory, diagnostics: result.diagnostics)
        }
        let report = CoverageReport(docs)
        #expect(report.documents == [.bulletin: 1, .advisory: 1])
        #expect(report.counts[.bulletin]?[.published] == 1)
        #expect(report.counts[.bulletin]?[.version] == 1)
        #expect(report.counts[.bulletin]?[.kb] == 1)
        #expect(report.counts[.bulletin]?[.cves] == 1)
        #expect(report.counts[.bulletin]?[.revisionsParsed] == 1)
        #expect(report.misses.map { "\($0.path):\($0.line): missing \($0.field.rawValue)" } == [
            "content/zh-cn/SecurityAdvisories/2016/3000000.md:2: missing published",
            "content/zh-cn/SecurityAdvisories/2016/3000000.md:2: missing revisions",
            "content/zh-cn/SecurityAdvisories/2016/3000000.md:2: missing revisions fully parsed",
        ])
    }
}
