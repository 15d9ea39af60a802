import CommonMark
import Testing

/// The renderer's own shapes: a pipe table whose header row shows nothing gets its first body
/// row as header (white space there is tabs and space separators, Zs); images take their text
/// as `alt`. Expected HTML written from those rules.
@Suite("Renderer shapes")
struct RendererShapeTests {
    static let cases: [RenderCase] = [
        RenderCase(name: "empty header: the first body row becomes the header",
                   markdown: "|  |  |\n|--|--|\n| x | y |\n| z | w |",
                   expected: "<table>\n<thead>\n<tr>\n<th>x</th>\n<th>y</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>z</td>\n<td>w</td>\n</tr>\n</tbody>\n</table>\n"),
        RenderCase(name: "header of an ideographic and a no-break space (Zs) counts as empty",
                   markdown: "| \u{3000} | \u{A0} |\n|--|--|\n| x | y |",
                   expected: "<table>\n<thead>\n<tr>\n<th>x</th>\n<th>y</th>\n</tr>\n</thead>\n</table>\n"),
        RenderCase(name: "a zero-width space (Cf) is not white space: the header stays",
                   markdown: "| \u{200B} |  |\n|--|--|\n| x | y |",
                   expected: "<table>\n<thead>\n<tr>\n<th>\u{200B}</th>\n<th></th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>x</td>\n<td>y</td>\n</tr>\n</tbody>\n</table>\n"),
        RenderCase(name: "an empty header and no body: no table",
                   markdown: "|  |  |\n|--|--|",
                   expected: ""),
        RenderCase(name: "image alt is its text without markup",
                   markdown: "![图 *一*](a.png)",
                   expected: "<p><img src=\"a.png\" alt=\"图 一\" /></p>\n"),
        RenderCase(name: "soft break between CJK inside emphasis inside a link",
                   markdown: "[*中文\n说明*](x)",
                   expected: "<p><a href=\"x\"><em>中文说明</em></a></p>\n"),
    ]

    @Test("rendering", arguments: cases)
    func rendering(_ testCase: RenderCase) {
        #expect(html(testCase.markdown) == testCase.expected)
    }
}
