import Foundation
import SiteRendering
import Testing

/// Each implemented §6.1 test with documents that pass it and documents that fail it. The documents
/// are built by hand, not by the writer, so the validator is checked on its own.
@Suite("CSAF mandatory tests")
struct CSAFValidatorTests {
    typealias Document = CSAFDocument

    static func date(_ day: String) -> String { "2020-\(day)T00:00:00.000Z" }

    /// A security advisory that passes every test: products P1 and P2, CVE-2020-0001, revisions 1 and 2.
    static func security() -> Document {
        Document(
            document: .init(
                category: "csaf_security_advisory", lang: "en-US", title: "Example",
                publisher: .init(category: "vendor", name: "Example", namespace: "https://example.org"),
                tracking: .init(
                    id: "EX-1", status: "final", version: "2", initialReleaseDate: date("01-01"), currentReleaseDate: date("02-01"),
                    revisionHistory: [.init(date: date("01-01"), number: "1", summary: "Published."), .init(date: date("02-01"), number: "2", summary: "Updated.")]
                ),
                notes: [.init(category: "summary", text: "Summary.")],
                references: [.init(category: "external", summary: "Reference", url: "https://example.org/reference")]
            ),
            productTree: .init(branches: [.init(category: "vendor", name: "Example", branches: [
                .init(category: "product_name", name: "A", product: .init(name: "A", productID: "P1")),
                .init(category: "product_name", name: "B", product: .init(name: "B", productID: "P2")),
            ])]),
            vulnerabilities: [.init(
                cve: "CVE-2020-0001", notes: [.init(category: "description", text: "Description.")],
                productStatus: .init(knownAffected: ["P1", "P2"]),
                remediations: [.init(category: "vendor_fix", details: "Update.", productIDs: ["P1"])]
            )]
        )
    }

    /// The same as an informational advisory: no vulnerabilities.
    static func informational() -> Document {
        var document = security()
        document.document.category = "csaf_informational_advisory"
        document.vulnerabilities = nil
        return document
    }

    static func with(_ base: Document, _ change: (inout Document) -> Void) -> Document {
        var document = base
        change(&document)
        return document
    }

    static func revisions(_ items: [(String, String)]) -> [Document.RevisionItem] {
        items.map { .init(date: date($0.0), number: $0.1, summary: "Revision \($0.1).") }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var test: String
        var name: String
        var document: Document
        var fails: Bool
        var testDescription: String { "\(test) \(fails ? "fails" : "passes"): \(name)" }
    }

    static let cases: [Case] = [
        Case(test: "6.1.1", name: "every referenced product is defined", document: security(), fails: false),
        Case(test: "6.1.1", name: "known_affected names an undefined product", document: with(security()) {
            $0.vulnerabilities?[0].productStatus?.knownAffected = ["P1", "P9"]
        }, fails: true),
        Case(test: "6.1.1", name: "a remediation names an undefined product", document: with(security()) {
            $0.vulnerabilities?[0].remediations?[0].productIDs = ["P8"]
        }, fails: true),

        Case(test: "6.1.2", name: "product ids are unique", document: security(), fails: false),
        Case(test: "6.1.2", name: "P1 is defined twice", document: with(security()) {
            $0.productTree?.branches[0].branches?.append(.init(category: "product_name", name: "C", product: .init(name: "C", productID: "P1")))
        }, fails: true),

        Case(test: "6.1.12", name: "lang zh-Hans-CN", document: with(security()) { $0.document.lang = "zh-Hans-CN" }, fails: false),
        Case(test: "6.1.12", name: "lang de-DE with source_lang en-US", document: with(security()) {
            $0.document.lang = "de-DE"
            $0.document.sourceLang = "en-US"
        }, fails: false),
        Case(test: "6.1.12", name: "lang EZ names no language", document: with(security()) { $0.document.lang = "EZ" }, fails: true),
        Case(test: "6.1.12", name: "source_lang en_US uses an underscore", document: with(security()) {
            $0.document.lang = "de"
            $0.document.sourceLang = "en_US"
        }, fails: true),
        Case(test: "6.1.12", name: "lang de-YY has no such region", document: with(security()) { $0.document.lang = "de-YY" }, fails: true),

        Case(test: "6.1.14", name: "numbers ascend with dates", document: security(), fails: false),
        Case(test: "6.1.14", name: "revision 2 is dated before revision 1", document: with(security()) {
            $0.document.tracking.revisionHistory = revisions([("02-01", "1"), ("01-01", "2")])
        }, fails: true),

        Case(test: "6.1.15", name: "a translator states source_lang", document: with(security()) {
            $0.document.publisher.category = "translator"
            $0.document.lang = "de-DE"
            $0.document.sourceLang = "en-US"
        }, fails: false),
        Case(test: "6.1.15", name: "a translator without source_lang", document: with(security()) {
            $0.document.publisher.category = "translator"
        }, fails: true),

        Case(test: "6.1.16", name: "version is the newest revision number", document: security(), fails: false),
        Case(test: "6.1.16", name: "version 3 but newest revision 2", document: with(security()) { $0.document.tracking.version = "3" }, fails: true),

        Case(test: "6.1.17", name: "version 0 in a draft", document: with(security()) {
            $0.document.tracking.status = "draft"
            $0.document.tracking.version = "0"
            $0.document.tracking.revisionHistory = revisions([("01-01", "0")])
        }, fails: false),
        Case(test: "6.1.17", name: "version 0 in a final document", document: with(security()) {
            $0.document.tracking.version = "0"
            $0.document.tracking.revisionHistory = revisions([("01-01", "0")])
        }, fails: true),
        Case(test: "6.1.17", name: "pre-release 1.0.0-rc.1 in an interim document", document: with(security()) {
            $0.document.tracking.status = "interim"
            $0.document.tracking.version = "1.0.0-rc.1"
            $0.document.tracking.revisionHistory = revisions([("01-01", "1.0.0-rc.1")])
        }, fails: true),

        Case(test: "6.1.18", name: "a draft may have revision 0", document: with(security()) {
            $0.document.tracking.status = "draft"
            $0.document.tracking.version = "1"
            $0.document.tracking.revisionHistory = revisions([("01-01", "0"), ("02-01", "1")])
        }, fails: false),
        Case(test: "6.1.18", name: "a final document with revision 0", document: with(security()) {
            $0.document.tracking.version = "1"
            $0.document.tracking.revisionHistory = revisions([("01-01", "0"), ("02-01", "1")])
        }, fails: true),

        Case(test: "6.1.20", name: "final 1.0.0", document: with(security()) {
            $0.document.tracking.version = "1.0.0"
            $0.document.tracking.revisionHistory = revisions([("01-01", "1.0.0")])
        }, fails: false),
        Case(test: "6.1.20", name: "final 1.0.0-rc.1", document: with(security()) {
            $0.document.tracking.version = "1.0.0-rc.1"
            $0.document.tracking.revisionHistory = revisions([("01-01", "1.0.0-rc.1")])
        }, fails: true),

        Case(test: "6.1.21", name: "numbers 1 and 2", document: security(), fails: false),
        Case(test: "6.1.21", name: "number 2 is missing", document: with(security()) {
            $0.document.tracking.version = "3"
            $0.document.tracking.revisionHistory = revisions([("01-01", "1"), ("02-01", "3")])
        }, fails: true),
        Case(test: "6.1.21", name: "the first number is 2", document: with(security()) {
            $0.document.tracking.version = "3"
            $0.document.tracking.revisionHistory = revisions([("01-01", "2"), ("02-01", "3")])
        }, fails: true),

        Case(test: "6.1.22", name: "distinct numbers", document: security(), fails: false),
        Case(test: "6.1.22", name: "number 1 twice", document: with(security()) {
            $0.document.tracking.version = "1"
            $0.document.tracking.revisionHistory = revisions([("01-01", "1"), ("02-01", "1")])
        }, fails: true),

        Case(test: "6.1.23", name: "one vulnerability per CVE", document: security(), fails: false),
        Case(test: "6.1.23", name: "CVE-2020-0001 in two vulnerabilities", document: with(security()) {
            if let first = $0.vulnerabilities?.first { $0.vulnerabilities?.append(first) }
        }, fails: true),

        Case(test: "6.1.27.1", name: "informational with a summary note", document: informational(), fails: false),
        Case(test: "6.1.27.1", name: "informational with only a legal disclaimer", document: with(informational()) {
            $0.document.notes = [.init(category: "legal_disclaimer", text: "As is.")]
        }, fails: true),

        Case(test: "6.1.27.2", name: "a reference without category counts as external", document: with(informational()) {
            $0.document.references = [.init(summary: "Reference", url: "https://example.org/r")]
        }, fails: false),
        Case(test: "6.1.27.2", name: "informational with only a self reference", document: with(informational()) {
            $0.document.references = [.init(category: "self", summary: "Self", url: "https://example.org/self")]
        }, fails: true),

        Case(test: "6.1.27.3", name: "informational without vulnerabilities", document: informational(), fails: false),
        Case(test: "6.1.27.3", name: "informational with vulnerabilities", document: with(informational()) {
            $0.vulnerabilities = security().vulnerabilities
        }, fails: true),

        Case(test: "6.1.27.4", name: "security advisory with a product tree", document: security(), fails: false),
        Case(test: "6.1.27.4", name: "security advisory without a product tree", document: with(security()) { $0.productTree = nil }, fails: true),

        Case(test: "6.1.27.5", name: "vulnerability with notes", document: security(), fails: false),
        Case(test: "6.1.27.5", name: "vulnerability without notes", document: with(security()) { $0.vulnerabilities?[0].notes = nil }, fails: true),
        Case(test: "6.1.27.5", name: "security advisory without vulnerabilities", document: with(security()) { $0.vulnerabilities = nil }, fails: true),

        Case(test: "6.1.27.6", name: "vulnerability with product_status", document: security(), fails: false),
        Case(test: "6.1.27.6", name: "vulnerability without product_status", document: with(security()) {
            $0.vulnerabilities?[0].productStatus = nil
            $0.vulnerabilities?[0].remediations = nil
        }, fails: true),

        Case(test: "6.1.28", name: "lang de-DE, source_lang en-US", document: with(security()) {
            $0.document.lang = "de-DE"
            $0.document.sourceLang = "en-US"
        }, fails: false),
        Case(test: "6.1.28", name: "lang and source_lang both en-US", document: with(security()) { $0.document.sourceLang = "en-US" }, fails: true),

        Case(test: "6.1.30", name: "integers only", document: security(), fails: false),
        Case(test: "6.1.30", name: "version 2 after revision 1.0.0", document: with(security()) {
            $0.document.tracking.revisionHistory = revisions([("01-01", "1.0.0"), ("02-01", "2")])
        }, fails: true),
    ]

    @Test("mandatory test", arguments: cases)
    func mandatoryTest(_ example: Case) {
        let failures = CSAFValidator.mandatoryTestFailures(example.document)
        let named = failures.filter { $0.hasPrefix(example.test + ":") }
        if example.fails {
            #expect(!named.isEmpty, "expected a \(example.test) failure, got \(failures)")
        } else {
            #expect(named.isEmpty, "unexpected \(named)")
        }
    }

    @Test("the valid documents pass every test")
    func validDocumentsPassEverything() {
        #expect(CSAFValidator.mandatoryTestFailures(Self.security()) == [])
        #expect(CSAFValidator.mandatoryTestFailures(Self.informational()) == [])
    }

    @Test("a failure names the test and the offending value")
    func failureMessagesNameTheTest() {
        let document = Self.with(Self.security()) { $0.document.tracking.version = "3" }
        #expect(CSAFValidator.mandatoryTestFailures(document) == ["6.1.16: version 3 differs from the newest revision number 2"])
    }

    struct TagCase: CustomTestStringConvertible, Sendable {
        var tag: String
        var valid: Bool
        var testDescription: String { "\(tag) is \(valid ? "valid" : "invalid")" }
    }

    @Test("BCP 47 language tags", arguments: [
        TagCase(tag: "zh-CN", valid: true), TagCase(tag: "de-DE", valid: true), TagCase(tag: "en", valid: true),
        TagCase(tag: "zh-Hans-CN", valid: true), TagCase(tag: "es-419", valid: true), TagCase(tag: "sr-Latn-RS", valid: true),
        TagCase(tag: "zh-yue-HK", valid: true), TagCase(tag: "de-CH-1901", valid: true), TagCase(tag: "en-US-x-twain", valid: true),
        TagCase(tag: "x-private", valid: true), TagCase(tag: "i-klingon", valid: true), TagCase(tag: "gsw", valid: true),
        TagCase(tag: "EZ", valid: false), TagCase(tag: "en_US", valid: false), TagCase(tag: "de-DEU", valid: false),
        TagCase(tag: "xx-CN", valid: false), TagCase(tag: "", valid: false), TagCase(tag: "en-", valid: false),
        TagCase(tag: "en-Abcd", valid: false), TagCase(tag: "en-a", valid: false), TagCase(tag: "english", valid: false),
    ])
    func languageTags(_ example: TagCase) {
        #expect(BCP47LanguageTag.isValid(example.tag) == example.valid)
    }
}
