/// A run of `*` or `_` that cmark-gfm left as text, with where it starts in the file.
struct DelimiterRun: Sendable, Hashable {
    /// `*` or `_`.
    var marker: UInt8
    var count: Int
    var line: Int
    /// The line of the text given to cmark-gfm (before the line map).
    var textLine: Int
    /// 1-based column in characters (0 until reported).
    var column: Int
    /// 1-based column in bytes, as cmark-gfm counts.
    var byteColumn: Int
    /// True for a run cmark-gfm left as text; false for the delimiters of emphasis it made.
    var isLeftOver: Bool
    /// For the delimiters of emphasis cmark-gfm made, a number the opening and closing run of
    /// that emphasis share (and no other run of the container has); -1 for a run left as text.
    var pair = -1
}

/// A piece of an inline container's content: a node cmark-gfm made, or a marker run it left.
enum InlinePiece: Sendable {
    case node(MarkdownNode)
    case run(DelimiterRun)
}

/// What lies at the edge of an inline container, for the flanking rules: white space at the start
/// and end of a paragraph, heading or table cell; markup (`*`, `[`, `]`) inside emphasis and links.
enum ContainerEdge {
    case whitespace
    case markup
}
