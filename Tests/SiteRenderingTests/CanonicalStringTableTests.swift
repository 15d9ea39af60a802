import AdvisoryModel
import Foundation
@testable import SiteRendering
import Testing

/// `CanonicalStringTable` answers as `Set<String>` / `[String: Int]` do, telling plain keys
/// apart by their bytes; `PlainText` holds only scalars for which that is exact.
@Suite("Tables of strings keyed by their bytes while plain")
struct CanonicalStringTableTests {
    struct Insertions: CustomTestStringConvertible, Sendable {
        var name: String
        var keys: [String]
        /// Whether each insertion added a key, worked out by hand from canonical equivalence.
        var inserted: [Bool]
        var testDescription: String { name }
    }

    static let insertions: [Insertions] = [
        Insertions(name: "ASCII, a repeat", keys: ["a", "b", "a", "A"], inserted: [true, true, false, true]),
        Insertions(name: "ideographs, kana and Hangul", keys: ["安全更新", "安全更新 ", "がいよう", "안전", "安全更新", "안전"],
                   inserted: [true, true, true, true, false, false]),
        Insertions(name: "the Kelvin sign equals K after it", keys: ["K", "\u{212A}", "K"], inserted: [true, false, false]),
        Insertions(name: "K equals the Kelvin sign after it", keys: ["\u{212A}", "K"], inserted: [true, false]),
        Insertions(name: "é decomposed after é precomposed", keys: ["caf\u{E9}", "cafe\u{301}"], inserted: [true, false]),
        Insertions(name: "が precomposed after が decomposed", keys: ["か\u{3099}", "が"], inserted: [true, false]),
        Insertions(name: "plain keys kept when a key that is not plain comes", keys: ["a", "安全", "x\u{301}", "安全", "a", "x\u{301}"],
                   inserted: [true, true, true, false, false, false]),
        Insertions(name: "the empty string", keys: ["", "", "™"], inserted: [true, false, true]),
    ]

    @Test("Inserting keys answers as a set of strings does", arguments: insertions)
    func insertingKeys(_ example: Insertions) {
        var table = CanonicalStringTable()
        var set = Set<String>()
        var answers: [Bool] = []
        for key in example.keys {
            let inserted = table.insert(key)
            #expect(inserted == set.insert(key).inserted, "\(key.unicodeScalars.map { String($0.value, radix: 16) })")
            answers.append(inserted)
        }
        #expect(answers == example.inserted)
    }

    @Test("The first value held for a key stays")
    func firstValueStays() {
        var table = CanonicalStringTable()
        #expect(table.value(for: "名前", insertingIfAbsent: 0) == nil)
        #expect(table.value(for: "名前", insertingIfAbsent: 1) == 0)
        #expect(table.value(for: "caf\u{E9}", insertingIfAbsent: 2) == nil)
        #expect(table.value(for: "名前", insertingIfAbsent: 3) == 0)
        #expect(table.value(for: "cafe\u{301}", insertingIfAbsent: 4) == 2)
    }

    @Test("Plain text by bytes", arguments: [
        ("Windows Server 2008 的 Itanium", true), ("Microsoft® Office™ für Mac", true), ("ИЗМЕНЕНИЯ", true),
        ("（修订）「公告」", true), ("ｶﾀｶﾅ", true), ("が", true), ("\u{3099}", false), ("e\u{301}", false),
        ("Ω", false), ("\u{212A}", false), ("Ἀθῆναι", false), ("🙂", false), ("\u{2000}", false),
    ])
    func plainText(text: String, expected: Bool) {
        var copy = text
        #expect(copy.withUTF8(PlainText.isPlain) == expected)
        #expect(text.unicodeScalars.allSatisfy { PlainText.isPlain($0.value) } == expected)
    }

    /// Each plain scalar has combining class 0 and is its own NFC form, and none follows the first
    /// scalar of a canonical decomposition (so none composes with what precedes it): a string of
    /// plain scalars is in NFC. Decompositions end at U+2FA1D (the CJK compatibility ideographs).
    @Test("Plain scalars are their own NFC form and compose with nothing before them")
    func plainScalarsAgainstUnicodeData() {
        var plainCount = 0
        for value in UInt32(0)...0x2FA1D {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            let decomposed = Array(text.decomposedStringWithCanonicalMapping.unicodeScalars)
            if decomposed.count > 1 {
                // Foundation's data and the standard library's agree on this decomposition.
                #expect(String(String.UnicodeScalarView(decomposed)) == text, "U+\(String(value, radix: 16))")
                let following = decomposed.dropFirst().filter { PlainText.isPlain($0.value) }
                #expect(following.isEmpty, "U+\(String(value, radix: 16)) decomposes with a plain scalar after the first")
            }
            guard PlainText.isPlain(value) else { continue }
            plainCount += 1
            #expect(scalar.properties.canonicalCombiningClass == .notReordered, "U+\(String(value, radix: 16))")
            #expect(Array(text.precomposedStringWithCanonicalMapping.unicodeScalars) == [scalar], "U+\(String(value, radix: 16))")
        }
        // 128 ASCII + 224 Latin + 249 Cyrillic + 71 punctuation + 38 letterlike + 58 CJK punctuation
        // + 190 kana + 27,584 ideographs + 11,172 Hangul syllables + 239 fullwidth and halfwidth forms.
        #expect(plainCount == 39_953)
    }

    @Test("Product names equal as strings are one product, whatever their bytes")
    func productNamesByCanonicalEquivalence() {
        var advisory = CSAFFixtures.bulletin()
        advisory.products = [
            AffectedProduct(name: "Caf\u{E9} 2016", kb: ["1"], severity: "critical", line: 10),
            AffectedProduct(name: "Windows 10 的 x64", kb: ["2"], severity: "critical", line: 11),
            AffectedProduct(name: "Cafe\u{301} 2016", kb: ["3"], severity: "critical", line: 12),
            AffectedProduct(name: "Windows 10 的 x64", kb: ["4"], severity: "critical", line: 13),
        ]
        let catalog = CSAFProductCatalog(advisory: advisory, vendor: "Microsoft")
        #expect(catalog.entries.map(\.fullName) == ["Microsoft Caf\u{E9} 2016", "Microsoft Windows 10 的 x64"])
        #expect(catalog.entries.map(\.knowledgeBase) == [["1", "3"], ["2", "4"]])
        #expect(catalog.productTree?.branches.first?.branches?.map(\.name) == ["Caf\u{E9} 2016", "Windows 10 的 x64"])
    }

    @Test("Product groups equal as strings are one branch, named as first written")
    func productGroupsByCanonicalEquivalence() {
        var advisory = CSAFFixtures.bulletin()
        advisory.products = [
            AffectedProduct(name: "A", group: "\u{212A}B 1", kb: [], severity: "critical", line: 10),
            AffectedProduct(name: "B", group: "安全", kb: [], severity: "critical", line: 11),
            AffectedProduct(name: "C", group: "KB 1", kb: [], severity: "critical", line: 12),
        ]
        let catalog = CSAFProductCatalog(advisory: advisory, vendor: "Microsoft")
        let branches = catalog.productTree?.branches.first?.branches
        #expect(branches?.map(\.name) == ["\u{212A}B 1", "安全"])
        #expect(branches?.map { $0.branches?.map(\.name) ?? [] } == [["A", "C"], ["B"]])
    }
}
