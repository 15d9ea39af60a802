import AdvisoryModel

extension HTMLSanitizer.Writer {
    /// An element `writeOwnHTML` has open: its name and, for a table, where its white space goes.
    private struct OpenElement {
        var name: Int
        /// For a table: where its first part begins in `out`, and how many white-space text
        /// nodes stood directly in it (`TableShape` moves them before its parts).
        var tableStart: Int
        var tableSpaces = 0
    }

    /// Writes HTML that Herald's renderer wrote from Markdown without raw HTML as `write` writes
    /// libxml2's tree of it, without parsing it: the same bytes, URL slots, ids and report.
    ///
    /// That HTML is well nested, its tags are lower-case with double-quoted attributes, and its
    /// text and attribute values are escaped by `Escaping`, so libxml2 keeps its structure and
    /// every text node; what the writer changes is what it changes in any tree (attributes,
    /// URLs, ids, white space in lists and tables). False, with `out` and `report` partly
    /// written, when `html` holds anything that could come out otherwise: a tag, attribute or
    /// entity the renderer does not write, a carriage return (libxml2 drops or joins it), an
    /// element that is not allowed where it stands, a block inside a paragraph, nesting at
    /// `maximumDepth`, or an element left open.
    ///
    /// Writes the part `range` of `html`; `lines` counts lines from the start of `html`.
    mutating func writeOwnHTML(_ html: UnsafeBufferPointer<UInt8>, in range: Range<Int>, lines: inout LineCounter) -> Bool {
        var open: [OpenElement] = []
        var index = range.lowerBound
        let count = range.upperBound
        while index < count {
            var end = index
            var plain = true
            while end < count {
                // A word without `<`, `&` or CR is skipped; in a word with one the scan goes
                // straight to the first.
                if let word = ByteWords.word(UnsafeBufferPointer(rebasing: html[..<count]), at: end) {
                    let flagged = ByteWords.has(word, UInt8(ascii: "<")) | ByteWords.has(word, UInt8(ascii: "&")) | ByteWords.has(word, 0x0D)
                    guard flagged != 0 else {
                        end += 8
                        continue
                    }
                    end += ByteWords.firstFlagged(flagged)
                }
                let byte = html[end]
                if byte == UInt8(ascii: "<") { break }
                if byte == UInt8(ascii: "&") || byte == 0x0D { plain = false }
                end += 1
            }
            if end > index {
                guard writeOwnText(UnsafeBufferPointer(rebasing: html[index..<end]), plain: plain, open: &open) else { return false }
            }
            guard end < count else { break }
            let part = UnsafeBufferPointer(rebasing: html[..<count])
            guard end + 1 < count else { return false }
            if html[end + 1] == UInt8(ascii: "/") {
                guard let close = closeOwnElement(part, at: end, open: &open) else { return false }
                index = close
            } else {
                guard let after = writeOwnElement(part, at: end, open: &open, lines: &lines) else { return false }
                index = after
            }
        }
        return open.isEmpty
    }

    /// Writes a text node of `html` as `writeText` writes it; `plain` when it holds no `&` and no
    /// carriage return.
    private mutating func writeOwnText(_ text: UnsafeBufferPointer<UInt8>, plain: Bool, open: inout [OpenElement]) -> Bool {
        let parent = path.last ?? .other
        if parent.holdsCells || parent == .list {
            guard text.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }), !text.contains(0x0D) else { return false }
            if parent == .table {
                open[open.count - 1].tableSpaces += 1
            } else if parent.holdsCells {
                out.append(0x0A)
            }
            return true
        }
        // Escaping the text libxml2 reads from escaped text gives that text back, as long as its
        // entities are the three `Escaping.appendText` writes.
        if !plain {
            var position = 0
            while position < text.count {
                switch text[position] {
                case 0x0D:
                    return false
                case UInt8(ascii: "&"):
                    guard let length = Self.entityLength(text, at: position, allowingQuotes: false) else { return false }
                    position += length
                default:
                    position += 1
                }
            }
        }
        out.append(contentsOf: text)
        return true
    }

    /// Writes the end tag at `start` (`</`, as the caller found) when it closes the innermost open
    /// element; the index after it.
    private mutating func closeOwnElement(_ html: UnsafeBufferPointer<UInt8>, at start: Int, open: inout [OpenElement]) -> Int? {
        guard let element = open.last else { return nil }
        let nameEnd = start + 2 + names.nameCount(element.name)
        guard nameEnd < html.count, html[nameEnd] == UInt8(ascii: ">"),
              names.isName(element.name, spelledBy: UnsafeBufferPointer(rebasing: html[(start + 2)..<nameEnd])) else { return nil }
        if element.tableSpaces > 0 { out.insert(contentsOf: repeatElement(0x0A, count: element.tableSpaces), at: element.tableStart) }
        // `</`, the element's name byte for byte, `>`: the end tag `write` writes, copied in one piece.
        out.append(contentsOf: UnsafeBufferPointer(rebasing: html[start...nameEnd]))
        path.removeLast()
        open.removeLast()
        return nameEnd + 1
    }

    /// Writes the start tag at `start` (a `<`, as the caller found) as `writeElement` writes the
    /// element; the index after it.
    private mutating func writeOwnElement(_ html: UnsafeBufferPointer<UInt8>, at start: Int, open: inout [OpenElement], lines: inout LineCounter) -> Int? {
        var position = start + 1
        while position < html.count, Self.isNameByte(html[position]) { position += 1 }
        guard position > start + 1 else { return nil }
        let index = names.index(ofLowercase: UnsafeBufferPointer(rebasing: html[(start + 1)..<position]))
        let element = names.traits[index]
        guard element.isAllowed, !element.isUnwrapped, Self.isPlaceable(element.role, in: path), path.count < HTMLSanitizer.maximumDepth,
              !(element.isBlock && path.contains(.paragraph)) else { return nil }
        let written = out.count
        // `<` and the name: `index(ofLowercase:)` found the name by these bytes, so they are its spelling.
        out.append(contentsOf: UnsafeBufferPointer(rebasing: html[start..<position]))
        var seen = AttributesSeen()
        while true {
            guard position < html.count else { return nil }
            if html[position] == UInt8(ascii: " ") {
                position += 1
                continue
            }
            if html[position] == UInt8(ascii: ">") || html[position] == UInt8(ascii: "/") { break }
            let nameStart = position
            while position < html.count, Self.isNameByte(html[position]) { position += 1 }
            guard position > nameStart, position + 1 < html.count, html[position] == UInt8(ascii: "="), html[position + 1] == UInt8(ascii: "\"") else { return nil }
            let attribute = names.index(ofLowercase: UnsafeBufferPointer(rebasing: html[nameStart..<position]))
            guard let valueEnd = readOwnValue(html, from: position + 2) else { return nil }
            writeAttribute(attribute, element: element, seen: &seen, line: lines.line(at: start, in: html))
            position = valueEnd + 1
        }
        finishAttributes(element: element, seen: seen)
        let selfClosing = html[position] == UInt8(ascii: "/")
        if selfClosing {
            guard position + 1 < html.count, html[position + 1] == UInt8(ascii: ">") else { return nil }
            position += 1
        }
        guard selfClosing == element.isVoid else { return nil }
        if element.role == .image, !seen.hasSource {
            out.removeSubrange(written...)
        } else if element.isVoid {
            out.write(" />")
        } else {
            out.append(UInt8(ascii: ">"))
            path.append(element.role)
            open.append(OpenElement(name: index, tableStart: out.count))
        }
        return position + 1
    }

    /// Reads the attribute value from `start` up to its closing quote into `value`, unescaped;
    /// the index of the quote, or nil for an entity `Escaping.appendAttribute` does not write.
    private mutating func readOwnValue(_ html: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        value.removeAll(keepingCapacity: true)
        var position = start
        // The bytes since the last entity, appended in one piece when a byte that is not copied comes.
        var run = start
        while position < html.count {
            let byte = html[position]
            switch byte {
            case UInt8(ascii: "\""):
                value.append(contentsOf: UnsafeBufferPointer(rebasing: html[run..<position]))
                return position
            case UInt8(ascii: "&"):
                guard let length = Self.entityLength(html, at: position, allowingQuotes: true) else { return nil }
                value.append(contentsOf: UnsafeBufferPointer(rebasing: html[run..<position]))
                value.append(Self.entityCharacter(html[position + 1]))
                position += length
                run = position
            case UInt8(ascii: "<"), 0x09, 0x0A, 0x0D:
                return nil
            default:
                position += 1
            }
        }
        return nil
    }

    /// The length of the entity at `position` when it is one `Escaping` writes: `&amp;`, `&lt;`,
    /// `&gt;`, and in attributes `&quot;` and `&#39;`.
    private static func entityLength(_ html: UnsafeBufferPointer<UInt8>, at position: Int, allowingQuotes: Bool) -> Int? {
        func matches(_ entity: StaticString) -> Bool {
            let count = entity.utf8CodeUnitCount
            guard position + count <= html.count else { return false }
            return UnsafeBufferPointer(start: entity.utf8Start, count: count).elementsEqual(html[position..<(position + count)])
        }
        if matches("&amp;") { return 5 }
        if matches("&lt;") || matches("&gt;") { return 4 }
        if allowingQuotes, matches("&quot;") { return 6 }
        if allowingQuotes, matches("&#39;") { return 5 }
        return nil
    }

    /// The character an entity `entityLength` accepted stands for, by its first letter.
    private static func entityCharacter(_ first: UInt8) -> UInt8 {
        switch first {
        case UInt8(ascii: "a"): UInt8(ascii: "&")
        case UInt8(ascii: "l"): UInt8(ascii: "<")
        case UInt8(ascii: "g"): UInt8(ascii: ">")
        case UInt8(ascii: "q"): UInt8(ascii: "\"")
        default: UInt8(ascii: "'")
        }
    }

    /// A byte of a name as the renderer writes names: lower-case ASCII letters and digits.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

/// Lines of the body by offset, counted on demand from the last offset asked for, as libxml2
/// numbers them: the body starts on line 1, and lines past 65,535 are all 65,535.
struct LineCounter {
    private var offset = 0
    private var line = 1

    mutating func line(at target: Int, in html: UnsafeBufferPointer<UInt8>) -> Int {
        if target < offset {
            offset = 0
            line = 1
        }
        while offset < target {
            if offset + 8 <= target, let word = ByteWords.word(html, at: offset) {
                line += ByteWords.count(of: 0x0A, in: word)
                offset += 8
                continue
            }
            if html[offset] == 0x0A { line += 1 }
            offset += 1
        }
        return Self.clamped(line)
    }

    /// `line` as libxml2 records it on a node (an unsigned 16-bit field without `XML_PARSE_BIG_LINES`).
    static func clamped(_ line: Int) -> Int {
        min(line, 65_535)
    }
}
