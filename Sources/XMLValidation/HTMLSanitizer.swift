import AdvisoryModel
import CLibXML2
import Foundation

/// Makes HTML from untrusted documents safe and well-formed.
///
/// The input goes through libxml2's HTML parser (which balances tags), and the tree is written
/// back as XHTML-compatible HTML5: only known elements and attributes survive, `script`,
/// `style`, `iframe`, `object`, SVG, MathML and their kin are removed with their content,
/// event-handler attributes and `javascript:`/`data:`/`vbscript:` URLs are dropped, and
/// tags that are not HTML (`<PUBLICKEY>`) are shown as text. Element ids are kept unique.
public struct HTMLSanitizer: Sendable {
    /// What the sanitiser changed, for diagnostics.
    public struct Report: Sendable, Hashable {
        /// Unsafe constructs removed (`script element`, `onclick attribute`, `javascript: URL`).
        public var removed: [String] = []
        /// Tags that are not HTML and were escaped (`publickey`).
        public var escapedTags: [String] = []
        /// With `deferringURLs`, the safe URLs in document order; slot `n` of the HTML stands for `urls[n]`.
        public var urls: [String] = []
        /// Every removal and escaped tag, in document order, with its line in the given HTML.
        public var findings: [Finding] = []
    }

    /// One change the sanitiser made: what it was and on which line of the given HTML.
    public struct Finding: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            /// Unsafe HTML removed (HTML001).
            case removed
            /// A tag that is not HTML shown as text (HTML002).
            case escapedTag
        }

        public var kind: Kind
        /// `script element`, `onclick attribute`, `unsafe URL in href`, or `<publickey>`.
        public var description: String
        /// What the source says where it happened, lower-cased: `<script`, `onclick`, `href`.
        public var needle: String
        /// 1-based line of the HTML given to the sanitiser.
        public var line: Int

        public init(kind: Kind, description: String, needle: String, line: Int) {
            self.kind = kind
            self.description = description
            self.needle = needle
            self.line = line
        }
    }

    /// The character that brackets a URL slot (`\0` + number + `\0`); never part of sanitised
    /// output otherwise, since text and attributes drop every character XML does not allow.
    static let slotMark: Character = "\u{0}"

    /// Sanitises `html`, leaving each safe link and image URL as a numbered slot to be filled
    /// later with `fillingURLSlots` (the rest of the site decides where local links point).
    public func sanitize(deferringURLs html: String) -> (html: String, report: Report) {
        let (body, report) = sanitize(Self.document(html), rewriteURL: { url, _ in url }, deferring: true)
        return (String(decoding: body, as: UTF8.self), report)
    }

    /// Fills the URL slots of `html` with `resolve(url)`, falling back to the URL itself when the
    /// resolved one is not well formed; every value is escaped as an attribute.
    public static func fillingURLSlots(_ html: String, urls: [String], resolve: (String) -> String) -> String {
        guard !urls.isEmpty else { return html }
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count + urls.count * 16)
        var source = html
        source.withUTF8 { appendFillingURLSlots($0, urls: urls, to: &out, resolve: resolve) }
        return String(decoding: out, as: UTF8.self)
    }

    /// What a URL attribute is for, passed to the URL rewriter.
    public enum URLUse: Sendable {
        case link, image
    }

    public init() {}

    static let allowedElements: Set<String> = [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div",
        "dl", "dt", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre",
        "q", "s", "samp", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
        "tr", "u", "ul", "var", "mark", "figure", "figcaption", "details", "summary", "section", "article", "aside",
        "nav", "header", "footer", "main", "address", "time", "wbr",
    ]
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "object", "embed", "applet", "frame", "frameset", "noframes", "noscript", "base",
        "meta", "link", "form", "input", "button", "textarea", "select", "option", "optgroup", "title", "head", "svg",
        "math", "template", "xmp", "plaintext", "param", "source", "video", "audio", "canvas", "portal", "iframeinclude",
        "layer", "ilayer", "bgsound", "marquee", "blink", "isindex", "keygen", "dialog", "slot",
    ]
    static let unwrapped: Set<String> = ["html", "body", "font", "center", "big", "tt", "nobr", "strike", "label", "fieldset", "legend", "hideeyebrow"]
    static let voidElements: Set<String> = ["br", "hr", "img", "col", "wbr"]
    static let globalAttributes: Set<String> = ["id", "class", "title", "lang", "dir"]
    static let elementAttributes: [String: Set<String>] = [
        "a": ["href"], "img": ["src", "alt", "width", "height"], "td": ["colspan", "rowspan", "headers"],
        "th": ["colspan", "rowspan", "headers", "scope"], "col": ["span"], "colgroup": ["span"], "ol": ["start", "type", "reversed"],
        "li": ["value"], "blockquote": ["cite"], "q": ["cite"], "del": ["cite"], "ins": ["cite"], "time": ["datetime"],
    ]
    /// Deepest element nesting written; deeper elements are unwrapped.
    static let maximumDepth = 100
    static let blockElements: Set<String> = [
        "p", "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "hr",
        "section", "article", "aside", "nav", "header", "footer", "main", "figure", "details", "address", "caption",
    ]

    /// Sanitises `html` (a fragment). `rewriteURL` may change or drop (`nil`) each safe URL.
    public func sanitize(_ html: String, rewriteURL: (String, URLUse) -> String? = { url, _ in url }) -> (html: String, report: Report) {
        let (body, report) = sanitize(Self.document(html), rewriteURL: rewriteURL, deferring: false)
        return (String(decoding: body, as: UTF8.self), report)
    }

    /// Sanitises the HTML `writeBody` appends to the buffer it is given, leaving each safe link
    /// and image URL as a numbered slot (as `sanitize(deferringURLs:)`). The buffer already
    /// holds the start of the document libxml2 reads, on the same line as the body's first,
    /// so the findings' lines are lines of the body; the body is not copied again.
    ///
    /// `rawHTML` says of what `writeBody` returned where the body holds raw HTML, as byte
    /// ranges of the body: the rest is what `HTMLRenderer` writes of Markdown, and is rewritten
    /// without libxml2 (`Writer.writeOwnHTML`); libxml2 parses only the runs of raw HTML
    /// (`sanitizingFragments`). The bytes, slots and report are those of the whole body parsed;
    /// when that cannot be vouched for (a run that is not self-contained, anything the
    /// renderer does not write outside the ranges), or without ranges (nil), the whole body is
    /// parsed.
    public func sanitize<Written>(deferringURLsOfBodyWrittenBy writeBody: (inout [UInt8]) -> Written,
                                  rawHTML: (Written) -> [Range<Int>]? = { _ in nil }) -> (html: [UInt8], report: Report, written: Written) {
        var document = Self.documentStart
        let written = writeBody(&document)
        if let ranges = rawHTML(written), let fast = Self.sanitizingFragments(document, raw: ranges) {
            return (fast.html, fast.report, written)
        }
        let (body, report) = sanitize(document, rewriteURL: { url, _ in url }, deferring: true)
        return (body, report, written)
    }

    /// libxml2's options for every HTML parse of the sanitiser.
    static let parseOptions = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// libxml2 reads a fragment as the body of this document, without a line break before it.
    static let documentStart = Array("<html><body>".utf8)
    static let documentEnd = Array("</body></html>".utf8)

    private static func document(_ html: String) -> [UInt8] {
        var document = documentStart
        document.reserveCapacity(documentStart.count + html.utf8.count + documentEnd.count)
        document.append(contentsOf: html.utf8)
        return document
    }

    /// Sanitises `document` (`documentStart` and a body; `documentEnd` is added here).
    private func sanitize(_ document: consuming [UInt8], rewriteURL: (String, URLUse) -> String?, deferring: Bool) -> (html: [UInt8], report: Report) {
        _ = LibXML.initialised
        var input = document
        input.append(contentsOf: Self.documentEnd)
        let parsed = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, "UTF-8", Self.parseOptions)
            }
        }
        guard let parsed else {
            var escaped: [UInt8] = []
            input.withUnsafeBufferPointer { buffer in
                Escaping.appendText(UnsafeBufferPointer(rebasing: buffer[Self.documentStart.count..<(buffer.count - Self.documentEnd.count)]), to: &escaped)
            }
            return (escaped, Report())
        }
        defer { xmlFreeDoc(parsed) }
        return withoutActuallyEscaping(rewriteURL) { rewrite in
            var writer = Writer(rewriteURL: rewrite, capacity: input.count)
            writer.deferring = deferring
            if let root = xmlDocGetRootElement(parsed) {
                if TableShape.mayHoldTables(input) { TableShape.normalise(below: root) }
                writer.write(root)
            }
            return (writer.out, writer.report)
        }
    }
}
