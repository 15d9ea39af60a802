import AdvisoryModel
import Foundation
@testable import SiteBuild
import SiteRendering
import Testing

/// `TemplateProgram` renders the templates swift-mustache parsed into bytes: the same bytes as
/// swift-mustache, or it declines and swift-mustache renders.
@Suite("Templates rendered by the program")
struct TemplateProgramTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var page: String
        var partials: [String: String] = [:]
        /// The bytes of `page` rendered with `view`, worked out by hand from the Mustache rules.
        var expected: String
        /// False when the program must decline the template (swift-mustache renders it).
        var compiled = true
        var strings: [String: String] = [:]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "variables, escaped and not", page: "{{lang}}|{{title}}|{{{navigation}}}|{{navigation}}|{{&navigation}}", expected: "zh-CN|954474 – 测试|<ul></ul>|&lt;ul&gt;&lt;/ul&gt;|<ul></ul>"),
        Case(name: "dotted names, anchored names and the stack", page: "{{#record}}{{id}}:{{lang}}:{{.lang}}:{{feeds.rss}}:{{record.id}}{{/record}}:{{strings.search}}:{{strings.none}}.",
             expected: "954474:zh-CN::r:954474:搜索:."),
        Case(name: "lists, flags and inverted sections",
             page: "{{#languages}}[{{tag}} {{current}}]{{/languages}}{{^alternates}}none{{/alternates}}{{#record.hasKB}}kb{{/record.hasKB}}{{^record.hasKB}}no{{/record.hasKB}}{{#record.kb}}<{{number}}>{{/record.kb}}{{^groups.0}}x{{/groups.0}}{{^nothing}}!{{/nothing}}",
             expected: "[de-DE false]kb<954474>x!"),
        Case(name: "a section over a string shows it as {{.}}", page: "{{#record.id}}({{.}}{{lang}}){{/record.id}}{{#heading}}{{.}}{{/heading}}", expected: "(954474zh-CN)通报"),
        Case(name: "standalone tags and an indented partial", page: "<div>\n  {{> nav}}\n</div>\n",
             partials: ["nav": "<ul>\n{{#alternates}}\n<li>{{href}}</li>\n{{/alternates}}\n</ul>\n"], expected: "<div>\n  <ul>\n  <li>h</li>\n  </ul>\n</div>\n"),
        Case(name: "a partial inside an indented partial", page: "<a>\n  {{> outer}}\n</a>\n",
             partials: ["outer": "<b>\n  {{> inner}}\n</b>\n", "inner": "<c>\n{{{navigation}}}\n</c>\n"], expected: "<a>\n  <b>\n    <c>\n    <ul></ul>\n    </c>\n  </b>\n</a>\n"),
        Case(name: "a missing partial renders nothing", page: "a{{> nothere}}b", expected: "ab"),
        Case(name: "changed delimiters", page: "{{=<% %>=}}<% lang %>|<%& navigation %>", expected: "zh-CN|<ul></ul>"),
        Case(name: "escaping by Character: a combining mark makes < part of another one", page: "{{strings.x}}",
             expected: "a<\u{338}b&lt;c&amp;&quot;&#39;&gt;", strings: ["x": "a<\u{338}b<c&\"'>"]),
        Case(name: "a transform is left to swift-mustache", page: "{{uppercased(lang)}}", expected: "ZH-CN", compiled: false),
        Case(name: "a content type is left to swift-mustache", page: "{{% CONTENT_TYPE: TEXT}}{{navigation}}", expected: "<ul></ul>", compiled: false),
        Case(name: "inheritance is left to swift-mustache", page: "{{<base}}{{$b}}[{{lang}}]{{/b}}{{/base}}", partials: ["base": "<{{$b}}x{{/b}}>"],
             expected: "<[zh-CN]>", compiled: false),
    ]

    static func templates(page: String, partials: [String: String]) throws -> (TemplateSet, URL) {
        let folder = temporaryFolder("program")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(page.utf8).write(to: folder.appendingPathComponent("page.mustache"))
        try Data("{{title}}".utf8).write(to: folder.appendingPathComponent("list.mustache"))
        for (name, text) in partials { try Data(text.utf8).write(to: folder.appendingPathComponent(name + ".mustache")) }
        return (try TemplateSet(directory: folder), folder)
    }

    @Test("The program gives swift-mustache's bytes, or declines", arguments: cases)
    func sameAsMustache(_ test: Case) throws {
        let (templates, folder) = try Self.templates(page: test.page, partials: test.partials)
        defer { try? FileManager.default.removeItem(at: folder) }
        var view = TemplateViewTests.page
        view.strings.merge(test.strings) { _, new in new }
        #expect(templates.isCompiled("page") == test.compiled)
        #expect(templates.render("page", view) == test.expected, "swift-mustache")
        var bytes: [UInt8] = []
        #expect(templates.renderCompiled("page", view, into: &bytes) == test.compiled)
        if test.compiled { #expect(String(decoding: bytes, as: UTF8.self) == test.expected, "program") }
        #expect(templates.bytes("page", view) == Array(test.expected.utf8))
    }

    @Test("Showing a view or a list as text is left to swift-mustache", arguments: ["{{.}}", "{{record}}", "{{{alternates}}}", "{{strings}}"])
    func declinesDescriptions(page: String) throws {
        let (templates, folder) = try Self.templates(page: "a" + page, partials: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        var bytes: [UInt8] = [1]
        #expect(templates.isCompiled("page"))
        #expect(!templates.renderCompiled("page", TemplateViewTests.page, into: &bytes))
        #expect(bytes == [1])
        #expect(templates.bytes("page", TemplateViewTests.page) == Array(templates.render("page", TemplateViewTests.page).utf8))
    }

    @Test("The shipped templates: every one compiled, the same bytes as swift-mustache", arguments: ["page", "list", "search"])
    func shippedTemplates(name: String) throws {
        let templates = try TemplateSet(directory: projectRoot.appendingPathComponent("templates"))
        #expect(templates.isCompiled(name))
        var bytes: [UInt8] = []
        #expect(templates.renderCompiled(name, TemplateViewTests.page, into: &bytes))
        #expect(bytes == Array(templates.render(name, TemplateViewTests.page).utf8))
        #expect(bytes.count > 500)
    }

    /// The corpus locales the build compares (read from `../shared/corpus`).
    static let corpusLocales = [("zh-CN", "zh-cn"), ("de-DE", "de-de"), ("ja-JP", "samples/ja-jp"), ("ko-KR", "samples/ko-kr"), ("es-ES", "samples/es-es")]

    @Test("On the corpus, every page the program makes is the page Mustache renders")
    func corpusPages() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../shared/corpus").standardizedFileURL
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) else {
            print("skipped: ../shared/corpus is absent")
            return
        }
        var configuration = try SiteConfiguration.load(path: projectRoot.appendingPathComponent("site.yml").path)
        configuration.locales = Self.corpusLocales.map { LocaleSource(tag: $0.0, content: root.appendingPathComponent($0.1).path) }
        var trees = SiteSnapshot.contentTrees(configuration: configuration)
        // Every fourth document of the large locales, so the suite stays short; the build comparison covers all.
        for index in trees.indices where trees[index].tree.documents.count > 100 {
            trees[index].tree.documents = trees[index].tree.documents.filter { $0.hashValueStable % 4 == 0 }
        }
        let snapshot = try SiteSnapshot.load(configuration: configuration, preview: false, trees: trees, store: PayloadStore(folder: nil), known: [:],
                                             fingerprints: BuildFingerprints(configuration: configuration)).get()
        var compared = 0
        for document in snapshot.documents {
            var diagnostics: [Diagnostic] = []
            let payload = snapshot.payload(for: document)
            let made = snapshot.composer.page(for: document, payload: payload, diagnostics: &diagnostics, fastest: .program)
            let whole = snapshot.composer.page(for: document, payload: payload, diagnostics: &diagnostics, fastest: .mustache)
            #expect(made.madeBy == .program, "\(document.sourcePath)")
            #expect(made.bytes == whole.bytes, "\(document.sourcePath): bytes differ")
            compared += 1
        }
        print("compared \(compared) pages")
        #expect(compared > 1000)
    }
}
