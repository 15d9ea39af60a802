import AdvisoryModel
import CLibXML2

extension HTMLSanitizer {
    /// The body of `document` (after `documentStart`) sanitised with URL slots, libxml2 parsing
    /// only the runs of blocks that hold raw HTML (`raw`: byte ranges of the body), each run as a
    /// document of its own, and `Writer.writeOwnHTML` writing the blocks between them; one
    /// `Writer` throughout, so ids, URL slots and the report continue from run to run.
    ///
    /// That gives the whole body's bytes when every run is self-contained: libxml2 closes
    /// everything it opens before the run ends and reads nothing of the run's end (`FragmentParser`),
    /// so it stands again in the body, where the next block starts, as it stood before the run.
    /// Nil otherwise, or when a run holds `html`, `head`, `body` or `frameset` tags or an unclosed
    /// comment (libxml2 keeps state of those past the run), or when the own-HTML writer declines.
    static func sanitizingFragments(_ document: [UInt8], raw: [Range<Int>]) -> (html: [UInt8], report: Report)? {
        document.withUnsafeBufferPointer { whole in
            let body = UnsafeBufferPointer(rebasing: whole[documentStart.count...])
            guard let runs = FragmentRuns.runs(of: raw, in: body), let parser = FragmentParser() else { return nil }
            var writer = Writer(rewriteURL: { url, _ in url }, capacity: document.count)
            writer.deferring = true
            var lines = LineCounter()
            var position = 0
            for run in runs {
                guard writer.writeOwnHTML(body, in: position..<run.lowerBound, lines: &lines),
                      writer.writeFragment(UnsafeBufferPointer(rebasing: body[run]), parser: parser, firstLine: lines.line(at: run.lowerBound, in: body))
                else { return nil }
                position = run.upperBound
            }
            guard writer.writeOwnHTML(body, in: position..<body.count, lines: &lines) else { return nil }
            return (writer.out, writer.report)
        }
    }
}

extension HTMLSanitizer.Writer {
    /// Parses `fragment` alone and writes its tree; the findings' lines are counted from
    /// `firstLine`, the body line the fragment starts on (counted only for a fragment with
    /// findings: most have none). False when it is not self-contained.
    mutating func writeFragment(_ fragment: UnsafeBufferPointer<UInt8>, parser: FragmentParser, firstLine: @autoclosure () -> Int) -> Bool {
        guard let result = parser.parse(fragment) else { return false }
        let (parsed, input) = result
        defer { xmlFreeDoc(parsed) }
        let findings = report.findings.count
        if let root = xmlDocGetRootElement(parsed) {
            if TableShape.mayHoldTables(input) { TableShape.normalise(below: root) }
            write(root)
        }
        guard report.findings.count > findings else { return true }
        let first = firstLine()
        for index in findings..<report.findings.count {
            report.findings[index].line = LineCounter.clamped(report.findings[index].line + first - 1)
        }
        return true
    }
}

/// The runs of top-level blocks that are parsed together: a block with raw HTML, and when its
/// tags leave an element open (by a crude count of start and end tags), the blocks up to the
/// raw HTML that closes it. The count only chooses the runs; `FragmentParser` checks them.
enum FragmentRuns {
    static func runs(of raw: [Range<Int>], in body: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var runs: [Range<Int>] = []
        var index = 0
        while index < raw.count {
            let start = raw[index].lowerBound
            guard var open = openElements(in: UnsafeBufferPointer(rebasing: body[raw[index]]), before: 0) else { return nil }
            while open > 0, index + 1 < raw.count {
                index += 1
                guard let now = openElements(in: UnsafeBufferPointer(rebasing: body[raw[index]]), before: open) else { return nil }
                open = now
            }
            runs.append(start..<raw[index].upperBound)
            index += 1
        }
        return runs
    }

    /// Elements whose end tag HTML may leave out, and void elements: not counted.
    private static let uncounted = NameKeys([
        "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup", "colgroup", "caption", "rt", "rp",
        "area", "base", "basefont", "br", "col", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link", "meta",
        "param", "source", "track", "wbr",
    ])
    /// Tags libxml2 keeps state of beyond the element (misplaced document tags).
    private static let refused = NameKeys(["html", "head", "body", "frameset"])

    /// The number of open elements after `html`, given `before` open before it; nil for a
    /// refused tag or a comment that does not end.
    private static func openElements(in html: UnsafeBufferPointer<UInt8>, before: Int) -> Int? {
        // Read once here, not at every tag (each read of a static checks that it is initialised).
        let refused = Self.refused
        let uncounted = Self.uncounted
        var open = before
        var index = 0
        while index < html.count {
            index = ByteWords.nextIndex(of: UInt8(ascii: "<"), in: html, from: index)
            guard index + 1 < html.count else { break }
            if html[index + 1] == UInt8(ascii: "!") {
                guard html[index...].starts(with: "<!--".utf8) else {
                    index += 2
                    continue
                }
                guard let end = find("-->", in: html, from: index + 4) else { return nil }
                index = end + 3
                continue
            }
            let closing = html[index + 1] == UInt8(ascii: "/")
            var end = index + (closing ? 2 : 1)
            let nameStart = end
            // The name's word (`NameKeys.key(ofName:)`) made as the name is read.
            var key: UInt64 = 0
            while end < html.count, isNameByte(html[end]) {
                key = NameKeys.adding(html[end], to: key)
                end += 1
            }
            guard end > nameStart else {
                index += 1
                continue
            }
            let name = end - nameStart <= 8 ? key : nil
            if refused.contains(name) { return nil }
            let close = ByteWords.nextIndex(of: UInt8(ascii: ">"), in: html, from: end)
            let selfClosing = close > end && close < html.count && html[close - 1] == UInt8(ascii: "/")
            if !uncounted.contains(name) {
                if closing {
                    open = max(0, open - 1)
                } else if !selfClosing {
                    open += 1
                }
            }
            index = close
        }
        return open
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// Short tag names as words: a name of up to eight ASCII letters and digits, lower-cased and
    /// packed into a `UInt64`, found in a small list without making a string.
    struct NameKeys {
        private let keys: [UInt64]

        init(_ names: [StaticString]) {
            keys = names.compactMap { name in
                precondition(name.utf8CodeUnitCount <= 8, "a name longer than a word")
                return Self.key(ofName: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            }
        }

        /// The word of a name of `isNameByte` bytes; nil when it is longer than eight bytes, so in no list.
        static func key(ofName name: UnsafeBufferPointer<UInt8>) -> UInt64? {
            guard name.count <= 8 else { return nil }
            var key: UInt64 = 0
            for byte in name { key = adding(byte, to: key) }
            return key
        }

        /// `key` with the name byte `byte` after its bytes, lower-cased.
        @inline(__always)
        static func adding(_ byte: UInt8, to key: UInt64) -> UInt64 {
            key << 8 | UInt64(byte | 0x20)
        }

        func contains(_ key: UInt64?) -> Bool {
            guard let key else { return false }
            return keys.contains(key)
        }
    }

    private static func find(_ needle: StaticString, in html: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        var index = start
        while index + pattern.count <= html.count {
            if html[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }
}

/// Parses fragments of one body with one libxml2 context, watching where libxml2 is in its
/// input at each event: an event past the fragment (an element closed only by the document's
/// end, text or a tag or comment that runs into it), or the body closed anywhere but by the
/// `</body>` right after the fragment, means the fragment is not self-contained.
final class FragmentParser {
    private let context: htmlParserCtxtPtr
    /// What the SAX callbacks read and set, where the context's `_private` points: a plain
    /// pointer, so that an event (one per tag and text) retains and releases nothing.
    private let watch: UnsafeMutablePointer<Watch>
    /// The input of the last parse, its storage used again for the next.
    private var input: [UInt8] = []

    /// The state of one parse, as the SAX callbacks see it.
    private struct Watch {
        /// libxml2's own handlers, which the watching ones call on.
        var original: xmlSAXHandler
        /// Where the fragment ends in the parsed input (before `</body></html>`).
        var end = 0
        var crossed = false

        /// How far libxml2 has read.
        static func offset(of context: xmlParserCtxtPtr) -> Int {
            guard let input = context.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else { return 0 }
            return Int(input.pointee.consumed) + (cur - base)
        }

        mutating func noteEvent(in context: xmlParserCtxtPtr) {
            if Self.offset(of: context) > end { crossed = true }
        }

        /// The body must end by the `</body>` right after the fragment (not earlier, not by the end
        /// of the input, which means something swallowed that tag), the document after it.
        mutating func noteEnd(of name: UnsafePointer<xmlChar>?, in context: xmlParserCtxtPtr) {
            guard let name else { return }
            let offset = Self.offset(of: context)
            if xmlStrcasecmp(name, "body") == 0 {
                if offset != end + Self.bodyEnd { crossed = true }
            } else if xmlStrcasecmp(name, "html") == 0 {
                if offset <= end { crossed = true }
            } else if offset > end {
                crossed = true
            }
        }

        private static let bodyEnd = "</body>".utf8.count
    }

    init?() {
        _ = LibXML.initialised
        guard let context = htmlNewParserCtxt(), let sax = context.pointee.sax else { return nil }
        self.context = context
        watch = .allocate(capacity: 1)
        watch.initialize(to: Watch(original: sax.pointee))
        sax.pointee.startElement = { context, name, attributes in
            FragmentParser.forwarding(context) { $0.pointee.original.startElement?(context, name, attributes) }
        }
        sax.pointee.endElement = { context, name in
            FragmentParser.watching(context) { watch, context in
                watch.pointee.noteEnd(of: name, in: context)
                watch.pointee.original.endElement?(context, name)
            }
        }
        sax.pointee.characters = { context, text, length in
            FragmentParser.forwarding(context) { $0.pointee.original.characters?(context, text, length) }
        }
        sax.pointee.ignorableWhitespace = { context, text, length in
            FragmentParser.forwarding(context) { $0.pointee.original.ignorableWhitespace?(context, text, length) }
        }
        sax.pointee.cdataBlock = { context, text, length in
            FragmentParser.forwarding(context) { $0.pointee.original.cdataBlock?(context, text, length) }
        }
        sax.pointee.comment = { context, text in
            FragmentParser.forwarding(context) { $0.pointee.original.comment?(context, text) }
        }
        sax.pointee.processingInstruction = { context, target, data in
            FragmentParser.forwarding(context) { $0.pointee.original.processingInstruction?(context, target, data) }
        }
        context.pointee._private = UnsafeMutableRawPointer(watch)
    }

    deinit {
        htmlFreeParserCtxt(context)
        watch.deinitialize(count: 1)
        watch.deallocate()
    }

    /// The tree of `fragment` read as a body, with the input it was read from; nil when libxml2
    /// fails or the fragment is not self-contained.
    func parse(_ fragment: UnsafeBufferPointer<UInt8>) -> (xmlDocPtr, [UInt8])? {
        input.removeAll(keepingCapacity: true)
        input.reserveCapacity(HTMLSanitizer.documentStart.count + fragment.count + HTMLSanitizer.documentEnd.count)
        input.append(contentsOf: HTMLSanitizer.documentStart)
        input.append(contentsOf: fragment)
        watch.pointee.end = input.count
        input.append(contentsOf: HTMLSanitizer.documentEnd)
        watch.pointee.crossed = false
        let parsed = input.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(chars.count), nil, "UTF-8", HTMLSanitizer.parseOptions)
            }
        }
        guard let parsed else { return nil }
        guard !watch.pointee.crossed else {
            xmlFreeDoc(parsed)
            return nil
        }
        return (parsed, input)
    }

    /// Notes an event (a tag start, text, a comment …) of the parser whose context libxml2 passed
    /// to a callback, then hands it to libxml2's own handler (`forward`, given the watch that holds them).
    @inline(__always)
    private static func forwarding(_ context: UnsafeMutableRawPointer?, _ forward: (UnsafeMutablePointer<Watch>) -> Void) {
        watching(context) { watch, context in
            watch.pointee.noteEvent(in: context)
            forward(watch)
        }
    }

    /// Runs `body` with the watch of the parser whose context libxml2 passed to a callback.
    @inline(__always)
    private static func watching(_ context: UnsafeMutableRawPointer?, _ body: (UnsafeMutablePointer<Watch>, xmlParserCtxtPtr) -> Void) {
        guard let context else { return }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let watch = parser.pointee._private else { return }
        body(watch.assumingMemoryBound(to: Watch.self), parser)
    }
}
