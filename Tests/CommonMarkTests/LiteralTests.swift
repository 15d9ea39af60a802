import CommonMark
import Testing

/// The strings the converter takes from cmark-gfm's nodes, each read at its length: code span
/// and text (an entity decoded into a string of its own), raw HTML, code blocks with their info
/// string, link and image destinations and titles (entities and escapes decoded, an absent title
/// empty). Expected values read off the Markdown by CommonMark's rules.
@Suite("Literals")
struct LiteralTests {
    static let markdown = """
        `a`&amp;b <i>

            x

        ~~~ sh
        y
        ~~~

        <div>h</div>

        [l](/u "t") ![m](/v 'w') [n](/a&amp;b "q\\"r") [o](/z)
        """

    @Test("every literal, destination and title as written, in document order")
    func literals() {
        var found: [String] = []
        describe(MarkdownParser().parse(Self.markdown).document, into: &found)
        #expect(found == [
            "code a", "text &b ", "html <i>",
            "codeBlock [] x\n", "codeBlock [sh] y\n", "htmlBlock <div>h</div>\n",
            "link /u [t]", "text l", "text  ", "image /v [w]", "text m", "text  ", "link /a&b [q\"r]", "text n",
            "text  ", "link /z []", "text o",
        ])
    }

    /// The leaves and links below `node`, adjacent text siblings joined (cmark-gfm may cut text at an entity).
    private func describe(_ node: MarkdownNode, into found: inout [String]) {
        var previousWasText = false
        for child in node.children {
            if case .text(let text) = child.kind {
                if previousWasText { found[found.count - 1] += text } else { found.append("text " + text) }
                previousWasText = true
                continue
            }
            previousWasText = false
            switch child.kind {
            case .code(let text): found.append("code " + text)
            case .htmlInline(let html): found.append("html " + html)
            case .htmlBlock(let html): found.append("htmlBlock " + html)
            case .codeBlock(let info, let literal): found.append("codeBlock [\(info)] " + literal)
            case .link(let url, let title): found.append("link \(url) [\(title)]")
            case .image(let url, let title): found.append("image \(url) [\(title)]")
            default: break
            }
            describe(child, into: &found)
        }
    }
}
