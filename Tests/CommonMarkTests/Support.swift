import CommonMark
import Testing

/// The HTML Herald's parser and renderer give for `markdown`.
func html(_ markdown: String) -> String {
    HTMLRenderer().render(MarkdownParser().parse(markdown).document)
}

/// A Markdown input and the HTML it must give, checked by hand against the rules named in `name`.
struct RenderCase: CustomTestStringConvertible, Sendable {
    var name: String
    var markdown: String
    var expected: String
    var testDescription: String { name }
}
