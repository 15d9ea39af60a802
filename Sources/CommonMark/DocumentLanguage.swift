/// What the Markdown parser needs to know of a document's language: whether it is Chinese,
/// Japanese or Korean. Those documents get the converter-slip repair of emphasis
/// (`CJKFriendlyEmphasis`, "converter-slip pairing"); every other document is read as before.
public enum DocumentLanguage: Sendable, Hashable {
    /// Chinese, Japanese or Korean (`zh-CN`, `zh-Hant-TW`, `ja-JP`, `ko`).
    case chineseJapaneseKorean
    /// Any other language, or none known.
    case other

    /// The language of a BCP 47 tag, decided by its primary language subtag (case-insensitive).
    public init(tag: String) {
        let language = tag.lowercased().prefix { $0 != "-" && $0 != "_" }
        self = ["zh", "ja", "ko"].contains(language) ? .chineseJapaneseKorean : .other
    }
}
