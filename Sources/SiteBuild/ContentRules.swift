import AdvisoryExtraction
import AdvisoryModel
import CommonMark
import Foundation

/// The rules that look at the whole set of documents: duplicate ids, wrong-language documents
/// and translations that disagree or lag.
struct ContentRules {
    let documents: [BuiltDocument]

    /// Diagnostics keyed by the source path of the document they belong to.
    func check() -> [String: [Diagnostic]] {
        var result: [String: [Diagnostic]] = [:]
        func add(_ diagnostic: Diagnostic) { result[diagnostic.location.path, default: []].append(diagnostic) }
        duplicateIds().forEach(add)
        translations().forEach(add)
        return result
    }

    private func duplicateIds() -> [Diagnostic] {
        var firstByKey: [String: BuiltDocument] = [:]
        var diagnostics: [Diagnostic] = []
        for document in documents.sorted(by: { $0.sourcePath < $1.sourcePath }) where document.advisory.kind.isAdvisoryKind {
            let key = document.locale + "|" + document.advisory.translationKey
            if let first = firstByKey[key] {
                diagnostics.append(Diagnostic(.id001, "id '\(document.advisory.assetId ?? document.advisory.id)' is also used by \(first.relativePath)",
                                              at: SourceLocation(path: document.sourcePath, line: document.advisory.source.lines[.assetId] ?? 1)))
            } else {
                firstByKey[key] = document
            }
        }
        return diagnostics
    }

    /// `L10N001` for a document whose text is not in its locale's language (per document, so
    /// it runs once at extraction and is kept across preview updates).
    static func languageDiagnostic(for advisory: Advisory, tree: MarkdownNode, path: String) -> Diagnostic? {
        guard advisory.kind.isAdvisoryKind, LocaleCatalog.shared.knows(advisory.locale),
              let profile = LocaleCatalog.shared.profile(for: advisory.locale) else { return nil }
        var sample = advisory.title + " " + (advisory.subtitle ?? "")
        var length = sample.utf8.count
        for block in tree.children.prefix(40) {
            guard case .paragraph = block.kind else { continue }
            let text = block.plainText
            sample += " " + text
            length += text.utf8.count + 1
            if length > 6000 { break }
        }
        guard let found = LanguageGuess.mismatch(sample, script: profile.script, locale: profile.tag) else { return nil }
        return Diagnostic(.l10n001, "the text looks like \(found), not \(profile.tag)", at: SourceLocation(path: path, line: advisory.source.lines[.title] ?? 1))
    }

    private func translations() -> [Diagnostic] {
        var groups: [String: [BuiltDocument]] = [:]
        for document in documents where document.advisory.kind.isAdvisoryKind {
            groups[Self.pairingKey(document.advisory), default: []].append(document)
        }
        var diagnostics: [Diagnostic] = []
        for (_, group) in groups.sorted(by: { $0.key < $1.key }) where Set(group.map(\.locale)).count > 1 {
            let sorted = group.sorted { $0.locale < $1.locale }
            for document in sorted {
                let advisory = document.advisory
                for other in sorted where other.locale != document.locale {
                    let mine = Set(advisory.cves), theirs = Set(other.advisory.cves)
                    if mine != theirs, document.locale < other.locale {
                        let missing = theirs.subtracting(mine).sorted().prefix(5), extra = mine.subtracting(theirs).sorted().prefix(5)
                        diagnostics.append(Diagnostic(.xloc001, "CVE ids differ from the \(other.locale) translation (\(other.relativePath)): missing \(missing.count == 0 ? "none" : missing.joined(separator: ", ")); extra \(extra.count == 0 ? "none" : extra.joined(separator: ", "))",
                                                      at: SourceLocation(path: document.sourcePath, line: advisory.source.lines[.cves] ?? advisory.source.lines[.title] ?? 1)))
                    }
                    if let a = advisory.kbPrimary, let b = other.advisory.kbPrimary, a != b, document.locale < other.locale {
                        diagnostics.append(Diagnostic(.xloc001, "primary KB \(a) differs from KB \(b) in the \(other.locale) translation",
                                                      at: SourceLocation(path: document.sourcePath, line: advisory.source.lines[.kb] ?? 1)))
                    }
                    if let mineDate = advisory.lastChanged, let theirDate = other.advisory.lastChanged, mineDate < theirDate {
                        diagnostics.append(Diagnostic(.xloc002, "last changed \(mineDate), but the \(other.locale) translation was changed \(theirDate)",
                                                      at: SourceLocation(path: document.sourcePath, line: advisory.source.lines[.updated] ?? advisory.source.lines[.published] ?? 1)))
                    } else if let mine = advisory.version, let theirs = other.advisory.version, AdvisoryExtractor.versionLess(mine, theirs) {
                        diagnostics.append(Diagnostic(.xloc002, "version \(mine), but the \(other.locale) translation is at \(theirs)",
                                                      at: SourceLocation(path: document.sourcePath, line: advisory.source.lines[.version] ?? 1)))
                    }
                }
            }
        }
        return diagnostics
    }

    /// The cross-locale key: lower-cased asset id, with German month abbreviations of summaries mapped to English.
    static func pairingKey(_ advisory: Advisory) -> String {
        var key = advisory.translationKey
        if advisory.kind == .summary {
            for (german, english) in [("mai", "may"), ("okt", "oct"), ("dez", "dec"), ("mär", "mar"), ("mrz", "mar")] where key.hasSuffix("-" + german) {
                key = String(key.dropLast(german.count)) + english
            }
        }
        return key
    }
}

/// A coarse guess at the language of a text, good enough to catch a document in the wrong locale.
enum LanguageGuess {
    private static let traditionalOnly = HanSet("這與個們發佈體於對關應門說時間會為產處裝圖當還經過從後來實現進開問題資訊軟體")
    private static let simplifiedOnly = HanSet("这与个们发布体于对关应门说时间会为产处装图当还经过从后来实现进开问题资讯软体")

    /// A set of CJK unified ideographs (U+4E00–U+9FFF) as one bit each: no hashing per character.
    struct HanSet {
        private var bits = [UInt64](repeating: 0, count: (0x9FFF - 0x4E00) / 64 + 1)

        init(_ characters: String) {
            for scalar in characters.unicodeScalars where (0x4E00...0x9FFF).contains(scalar.value) {
                let index = Int(scalar.value) - 0x4E00
                bits[index >> 6] |= 1 << UInt64(index & 63)
            }
        }

        /// Whether the set holds `value`, an ideograph of U+4E00–U+9FFF.
        func contains(_ value: UInt32) -> Bool {
            let index = Int(value) - 0x4E00
            return bits[index >> 6] & (1 << UInt64(index & 63)) != 0
        }
    }
    private static let stopwords: [(String, Set<String>)] = [
        ("de-DE", ["der", "die", "und", "das", "ist", "nicht", "mit", "von", "für", "werden", "ein", "eine", "auf", "dem", "des"]),
        ("es-ES", ["el", "la", "los", "las", "que", "y", "en", "para", "con", "una", "por", "del", "se", "es", "este"]),
        ("en-US", ["the", "and", "is", "of", "to", "in", "for", "that", "this", "with", "on", "be", "are", "by", "an"]),
        ("fr-FR", ["le", "la", "les", "et", "est", "des", "pour", "dans", "une", "pas", "que", "sur", "du", "au", "qui"]),
    ]

    /// The language the text is in when it is clearly not the locale's; nil when it fits.
    static func mismatch(_ text: String, script: String, locale: String) -> String? {
        var han = 0, hangul = 0, kana = 0, latin = 0, traditional = 0, simplified = 0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x4E00...0x9FFF:
                han += 1
                if traditionalOnly.contains(scalar.value) { traditional += 1 }
                if simplifiedOnly.contains(scalar.value) { simplified += 1 }
            case 0xAC00...0xD7AF: hangul += 1
            case 0x3040...0x30FF: kana += 1
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F: latin += 1
            default: break
            }
        }
        let cjk = han + hangul + kana
        switch script {
        case "hans":
            if hangul > han, hangul > 30 { return "Korean" }
            if kana > 30, kana * 3 > han { return "Japanese" }
            if han > 50, traditional > 10, traditional > simplified * 2 { return "Traditional Chinese" }
        case "hant":
            if han > 50, simplified > 10, simplified > traditional * 2 { return "Simplified Chinese" }
        case "latn":
            if cjk > 50, cjk * 2 > latin { return hangul > han ? "Korean" : (kana > 30 ? "Japanese" : "Chinese") }
            let words = text.lowercased().split { !$0.isLetter }.map(String.init)
            guard words.count > 60 else { return nil }
            var scores: [(String, Int)] = []
            for (language, list) in stopwords {
                scores.append((language, words.filter(list.contains).count))
            }
            let own = scores.first { $0.0 == locale }?.1 ?? 0
            if let best = scores.max(by: { $0.1 < $1.1 }), best.0 != locale, best.0 != "en-US", best.1 > max(20, own * 3) {
                return best.0
            }
        default:
            break
        }
        return nil
    }
}
