/// BCP 47 (RFC 5646) language tags, as CSAF §6.1.12 checks `lang` and `source_lang`.
public enum BCP47LanguageTag {
    /// Whether `tag` is a well-formed BCP 47 tag whose language, extended language, script and
    /// region subtags exist (`zh-CN`, `de-DE`, `zh-Hans-CN`, `en-US-x-twain`, `i-klingon`); `EZ`,
    /// `en_US`, `de-DEU` and `xx-CN` are not. Variant and extension subtags are checked for form only.
    public static func isValid(_ tag: String) -> Bool {
        let lower = tag.lowercased()
        if grandfathered.contains(lower) { return true }
        let subtags = lower.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard !subtags.isEmpty, subtags.allSatisfy({ !$0.isEmpty && $0.count <= 8 && $0.allSatisfy(isAlphanumeric) }) else { return false }
        var index = 0
        func peek() -> String? { index < subtags.count ? subtags[index] : nil }

        // Private use only: x-whatever.
        if subtags[0] == "x" { return isPrivateUseTail(subtags.dropFirst()) }

        // language
        guard let language = peek(), language.allSatisfy(isLetter), isKnownLanguage(language) else { return false }
        index += 1
        // extlang (up to three): the registry has them only under a few macrolanguages
        if languagesWithExtendedSubtags.contains(language) {
            var extlangs = 0
            while let next = peek(), next.count == 3, next.allSatisfy(isLetter), extlangs < 3 {
                guard LanguageSubtagRegistry.threeLetterLanguages.contains(next) else { return false }
                extlangs += 1
                index += 1
            }
        }
        // script
        if let next = peek(), next.count == 4, next.allSatisfy(isLetter) {
            guard LanguageSubtagRegistry.scripts.contains(next) || isPrivateScript(next) else { return false }
            index += 1
        }
        // region
        if let next = peek(), (next.count == 2 && next.allSatisfy(isLetter)) || (next.count == 3 && next.allSatisfy(isDigit)) {
            guard next.count == 3 || LanguageSubtagRegistry.regions.contains(next) else { return false }
            index += 1
        }
        // variants
        var variants: Set<String> = []
        while let next = peek(), isVariant(next) {
            guard variants.insert(next).inserted else { return false }
            index += 1
        }
        // extensions
        var singletons: Set<String> = []
        while let next = peek(), next.count == 1, next != "x" {
            guard singletons.insert(next).inserted else { return false }
            index += 1
            var parts = 0
            while let part = peek(), (2...8).contains(part.count) {
                parts += 1
                index += 1
            }
            guard parts > 0 else { return false }
        }
        // private use
        if let next = peek(), next == "x" {
            return isPrivateUseTail(subtags[(index + 1)...])
        }
        return index == subtags.count
    }

    private static func isKnownLanguage(_ subtag: String) -> Bool {
        switch subtag.count {
        case 2: LanguageSubtagRegistry.twoLetterLanguages.contains(subtag)
        case 3: LanguageSubtagRegistry.threeLetterLanguages.contains(subtag) || isPrivateLanguage(subtag)
        default: false // 4 letters are reserved; 5–8 letter language subtags are not registered
        }
    }

    /// `qaa`…`qtz`.
    private static func isPrivateLanguage(_ subtag: String) -> Bool {
        let scalars = Array(subtag.unicodeScalars)
        return scalars.count == 3 && scalars[0] == "q" && ("a"..."t").contains(scalars[1]) && ("a"..."z").contains(scalars[2])
    }

    /// `qaaa`…`qabx`.
    private static func isPrivateScript(_ subtag: String) -> Bool {
        subtag >= "qaaa" && subtag <= "qabx"
    }

    private static func isVariant(_ subtag: String) -> Bool {
        guard let first = subtag.first else { return false }
        return (5...8).contains(subtag.count) || (subtag.count == 4 && isDigit(first))
    }

    private static func isPrivateUseTail(_ parts: ArraySlice<String>) -> Bool {
        !parts.isEmpty && parts.allSatisfy { (1...8).contains($0.count) }
    }

    private static func isLetter(_ character: Character) -> Bool { ("a"..."z").contains(character) }
    private static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }
    private static func isAlphanumeric(_ character: Character) -> Bool { isLetter(character) || isDigit(character) }

    /// The primary languages the IANA registry lists extended language subtags for.
    private static let languagesWithExtendedSubtags: Set<String> = ["ar", "kok", "lv", "ms", "sgn", "sw", "uz", "zh"]

    /// The grandfathered tags of RFC 5646 §2.2.8, lower-cased.
    private static let grandfathered: Set<String> = [
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
        "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    ]
}
