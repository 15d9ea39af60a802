import CommonMark
import Testing

/// The HTML Herald's parser and renderer give for `markdown`, in a document of `language`.
func html(_ markdown: String, language: DocumentLanguage = .other) -> String {
    HTMLRenderer().render(MarkdownParser().parse(markdown, language: language).document)
}

/// A Markdown input and the HTML it must give, checked by hand against the rules named in `name`.
struct RenderCase: CustomTestStringConvertible, Sendable {
    var name: String
    var markdown: String
    var expected: String
    var testDescription: String { name }
}
