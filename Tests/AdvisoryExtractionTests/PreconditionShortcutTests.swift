@testable import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation
import Testing

/// Work the readers skip once a cheap check shows it would find nothing: KB phrases at
/// ideographs that only share `知`'s first byte, and labels
/// whose scalars are classed once per label set instead of once per comparison.
@Suite("Precondition shortcuts")
struct PreconditionShortcutTests {
    @Test("KB phrases among ideographs that share 知's first byte (E7)", arguments: [
        ("的 before the phrase", "的知识库文章 954474", ["954474"]),
        ("相关 before the traditional phrase", "相关知識庫文章編號 2755801", ["2755801"]),
        ("知 without the rest of the phrase", "知道 954474 个", [String]()),
        ("知 as the last scalar", "编号 954474 知", []),
        ("a number run into 知 is inside a word", "KB954474知识库文章 2755801", ["2755801"]),
    ])
    func kbAmongIdeographs(name: String, text: String, expected: [String]) {
        #expect(IdentifierScanner.kbNumbers(in: text) == expected)
        #expect(IdentifierScanner.identifiers(in: text).kbNumbers == expected)
    }

    @Test("texts shorter than four bytes hold no id", arguments: ["", "1", "123", "KB1", "知"])
    func shortTexts(text: String) {
        let found = IdentifierScanner.identifiers(in: text)
        #expect(found.cves.isEmpty)
        #expect(found.kbNumbers.isEmpty)
    }

    /// Every shipped revision and version label set against texts made of its labels (in capitals,
    /// in lower case, decomposed, with a colon) and a few others: the classed set answers as
    /// Foundation's case-insensitive comparison with each label does.
    @Test("a classed label set answers as Foundation with each label", arguments: ["revisions", "version"])
    func classedLabels(name: String) {
        let field: KeyPath<LocaleProfile, [String]> = name == "revisions" ? \.revisions : \.version
        let labels = LocaleCatalog.shared.allLabels(field)
        let classed = LocaleCatalog.shared.classedLabels(field)
        #expect(classed.labels.map(\.text) == labels)
        let others = ["Revisions", "Re\u{301}visions", "REVISÕES", "修订版本", "“修订”", "版本号", "Straße", "Version 1.0", ""]
        for text in labels.flatMap({ [$0, $0.uppercased(), $0.lowercased(), $0.decomposedStringWithCanonicalMapping, $0 + "："] }) + others {
            let expected = labels.contains { $0.compare(text, options: .caseInsensitive) == .orderedSame }
            #expect(classed.containsEqual(text) == expected, "\(name): \(text)")
        }
    }

    @Test("a version after a label of the shipped packs", arguments: [
        ("Chinese label with a fullwidth colon", "**版本号：**1.0", "1.0"),
        ("Spanish label in capitals, decimal comma", "**VERSIÓN:** 2,1", "2.1"),
        ("Spanish label with a decomposed accent", "Versio\u{301}n: 3.0", "3.0"),
        ("Korean label", "**버전:** 1.2", "1.2"),
        ("a label run into a longer word", "Versionsnummer 4.0", nil),
        ("trailing commas become dots, then go", "Version 1,2,", "1.2"),
        ("a star with a combining mark is no star, and is kept", "Version:*\u{301} 1.0", nil),
        ("stars between label and number are dropped", "Version:* *1.0", "1.0"),
    ] as [(String, String, String?)])
    func labelledVersion(name: String, line: String, expected: String?) {
        #expect(AdvisoryExtractor.labelledVersion(line, labels: LocaleCatalog.shared.classedLabels(\.version)) == expected)
    }

    /// File stems and asset ids read on bytes where they are plain ASCII, else by the expression
    /// (which takes any decimal digit, and a final line terminator, as the bytes do not).
    @Test("stem shapes answer as the stem expressions", arguments: [
        ("bulletin", "ms08-067", "bulletin", true, true),
        ("bulletin with a fourth digit", "ms08-0670", "bulletin", false, true),
        ("advisory, six digits", "954474", "advisory", true, true),
        ("advisory, seven digits", "2755801", "advisory", true, true),
        ("advisory, eight digits", "12345678", "advisory", false, true),
        ("advisory in Arabic-Indic digits", "\u{0669}\u{0665}\u{0664}\u{0664}\u{0667}\u{0664}", "advisory", true, false),
        ("advisory before a final newline", "954474\n", "advisory", true, false),
        ("summary", "ms04-aug", "summary", true, true),
        ("summary with -sum", "ms04-aug-sum", "summary", true, true),
        ("summary in capitals", "ms04-AUG", "summary", false, true),
        ("investigation", "msvr11-001", "investigation", true, true),
        ("bulletin id is no investigation", "ms11-001", "investigation", false, true),
        ("asset id of a bulletin", "ms08-067", "asset", true, true),
        ("asset id of an advisory", "954474", "asset", true, true),
        ("asset id of a summary", "ms04-aug", "asset", false, true),
    ])
    func stemShapes(name: String, text: String, kind: String, expected: Bool, readOnBytes: Bool) {
        let (pattern, shapes): (CompiledPattern, [StaticString]) = switch kind {
        case "bulletin": (DocumentPath.bulletinStem, DocumentPath.bulletinShapes)
        case "advisory": (DocumentPath.advisoryStem, DocumentPath.advisoryShapes)
        case "summary": (DocumentPath.summaryStem, DocumentPath.summaryShapes)
        case "investigation": (DocumentPath.investigationStem, DocumentPath.investigationShapes)
        default: (AdvisoryExtractor.documentAssetId, AdvisoryExtractor.documentAssetShapes)
        }
        #expect(pattern.matches(text) == expected, "the expression")
        #expect(StemShape.matches(text, anyOf: shapes) == (readOnBytes ? expected : nil), "the bytes")
    }

    @Test("a document's kind and id from its path", arguments: [
        ("SecurityBulletins/2008/ms08-067.md", DocumentKind.bulletin, "MS08-067"),
        ("SecurityAdvisories/2008/954474.md", .advisory, "954474"),
        ("SecurityBulletinSummaries/2004/ms04-aug.md", .summary, "MS04-AUG"),
        ("MicrosoftVulnerabilityInvestigationBulletin/2011/msvr11-001.md", .investigation, "MSVR11-001"),
        ("SecurityAdvisories/2008/readme.md", .landing, "SecurityAdvisories-2008-readme"),
    ])
    func pathKinds(relative: String, kind: DocumentKind, id: String) {
        let path = DocumentPath(relative: relative)
        #expect(path.kind == kind)
        #expect(path.id == id)
    }

    @Test("a leading version, and starts that hold none", arguments: [
        ("V and a date in fullwidth parentheses", "V1.0（2014 年 11 月 11 日）", "1.0", "（2014 年 11 月 11 日）"),
        ("the word Version", "Version 2.1 text", "2.1", "text"),
        ("the word in capitals", "VERSION 3.0", "3.0", ""),
        ("a leading dot", ".1.2", "1.2", ""),
        ("white space, then 版", "  1.0 版 发布", "1.0", " 发布"),
        ("Chinese before the V", "修订 V1.0", nil, nil),
        ("fullwidth V", "Ｖ1.0", nil, nil),
        ("a word that starts with V", "Vista 1.0", nil, nil),
        ("no dot after the number", "V10", nil, nil),
    ] as [(String, String, String?, String?)])
    func leadingVersion(name: String, text: String, version: String?, rest: String?) {
        let found = AdvisoryExtractor.leadingVersion(Substring(text))
        #expect(found?.version == version)
        #expect(found.map { String($0.rest) } == rest)
    }

    /// A block that ends inside a tag: the text after the last whole tag is read once by the
    /// loop (up to the `<`) and again after it (to the end), as before tags were found with `memchr`.
    @Test("an HTML table block that ends with a tag left open")
    func htmlTableLeftOpen() {
        var assembler = HTMLTableAssembler()
        #expect(assembler.consume(html: "<table><tr><td>a</td><td>b <", line: 3).isEmpty)
        let grids = assembler.consume(html: "</td></tr></table>", line: 4)
        #expect(grids.map { $0.rows.map { $0.map(\.text) } } == [[["a", "b b <"]]])
        #expect(assembler.consume(html: "", line: 5).isEmpty)
        #expect(assembler.consume(html: "<", line: 6).isEmpty)
    }

    @Test("plain scalars read on bytes, as PlainClass classes them", arguments: [
        ("ASCII", "Windows XP Service Pack 3", true),
        ("Chinese", "严重等级", true),
        ("Hangul syllables", "가나", true),
        ("fullwidth exclamation mark", "！", true),
        ("empty", "", true),
        ("registered sign", "Windows®", false),
        ("Latin with an accent", "Crítico", false),
        ("ideograph beyond the BMP", "\u{20000}", false),
        ("halfwidth katakana", "\u{FF76}", false),
        ("combining voicing mark", "カ\u{3099}", false),
        ("ideographic space", "严重\u{3000}", true),
    ])
    func plainBytes(name: String, text: String, plain: Bool) {
        #expect(LabelComparison.isPlain(text[...].utf8) == plain)
        #expect(LabelComparison.PlainClass(of: text.unicodeScalars).isPlain == plain, "PlainClass disagrees")
    }
}
