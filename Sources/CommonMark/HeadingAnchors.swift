/// Gives headings their anchors: the one place that decides a heading's id, for the record's
/// `headings[].anchor` and the page's `id` alike.
///
/// An anchor keeps the letters, marks and digits of every script, lower-cased, as GitHub and
/// DocFX do (`一般信息`, `häufig-gestellte-fragen`): white space becomes `-`, `-` and `_` stay,
/// other punctuation and symbols go. Anchors are unique within a document (`faq`, `faq-2`); a
/// heading without letters or digits gets `section-N`, N its position among the headings.
public struct HeadingAnchors: Sendable {
    private var used: Set<String>
    private var count = 0

    /// Longest anchor kept, in characters.
    public static let maximumLength = 80

    /// Anchors that a page holds besides its headings' (given ids are never reused).
    public init(reserving ids: some Sequence<String> = [String]()) {
        used = Set(ids)
    }

    /// The anchor of the next heading, whose text is `text`.
    public mutating func next(for text: String) -> String {
        count += 1
        var slug = Self.slug(text)
        if slug.isEmpty { slug = "section-\(count)" }
        var candidate = slug
        var suffix = 2
        while !used.insert(candidate).inserted {
            candidate = "\(slug)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// `text` as an anchor, before it is made unique: `Häufig gestellte Fragen (FAQ)` →
    /// `häufig-gestellte-fragen-faq`.
    public static func slug(_ text: String) -> String {
        var slug = Slug(capacity: text.utf8.count)
        // `text.lowercased()` scalar by scalar (it is each scalar's lowercase mapping), without
        // looking up ASCII, CJK ideographs and Hangul syllables, which map to themselves.
        scalars: for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A:
                guard slug.take(Unicode.Scalar(UInt8(scalar.value) | 0x20)) else { break scalars }
            case 0..<0x80, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
                guard slug.take(scalar) else { break scalars }
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    guard slug.take(lower) else { break scalars }
                }
            }
        }
        return String(decoding: slug.bytes, as: UTF8.self)
    }

    /// A slug being written, in UTF-8.
    private struct Slug {
        var bytes: [UInt8] = []
        var pendingDash = false
        /// In scalars.
        var length = 0

        init(capacity: Int) {
            bytes.reserveCapacity(capacity)
        }

        /// Takes in one scalar of the lower-cased text; false once the slug is full.
        mutating func take(_ scalar: Unicode.Scalar) -> Bool {
            let kept: Bool
            let isSpace: Bool
            switch scalar.value {
            case 0x61...0x7A, 0x30...0x39, 0x5F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3:
                // ASCII letters (already lower case) and digits, `_`, CJK Unified Ideographs and
                // Extension A, Hangul syllables (all Lo).
                kept = true
                isSpace = false
            case 0..<0x80:
                kept = false
                isSpace = scalar.value == 0x20 || (0x09...0x0D).contains(scalar.value)
            default:
                let properties = scalar.properties
                switch properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
                    kept = true
                default:
                    kept = false
                }
                isSpace = !kept && properties.isWhitespace
            }
            if kept {
                if pendingDash, !bytes.isEmpty {
                    bytes.append(UInt8(ascii: "-"))
                    length += 1
                }
                pendingDash = false
                guard length < maximumLength else { return false }
                UTF8.encode(scalar) { bytes.append($0) }
                length += 1
            } else if scalar == "-" || isSpace {
                pendingDash = true
            }
            return true
        }
    }

    /// The anchor of every heading of `document`, keyed by the heading's file line. Headings are
    /// counted in document order; ids and names in the document's raw HTML, and `reserved`, are
    /// never given (the sanitiser keeps only the first of equal ids).
    public static func assign(in document: MarkdownNode, reserving reserved: some Sequence<String> = [String]()) -> [Int: String] {
        var ids = Set(reserved)
        var headings: [(line: Int, text: String)] = []
        withUnsafePointer(to: document) { document in
            collect(Span(_unsafeStart: document, count: 1), ids: &ids, headings: &headings)
        }
        return assign(headings: headings, reserving: ids)
    }

    /// Adds the ids and names of the raw HTML among `nodes` and their descendants to `ids`, and
    /// their headings to `headings`, in document order, reading the nodes where they lie.
    private static func collect(_ nodes: Span<MarkdownNode>, ids: inout Set<String>, headings: inout [(line: Int, text: String)]) {
        for index in nodes.indices {
            switch nodes[index].kind {
            case .htmlBlock(let html), .htmlInline(let html):
                ids.formUnion(HTMLAttributes.idsAndNames(in: html))
            case .heading:
                headings.append((nodes[index].line, MarkdownNode.plainText(of: nodes, at: index)))
            default:
                break
            }
            collect(nodes[index].children.span, ids: &ids, headings: &headings)
        }
    }

    /// The anchor of every heading, keyed by file line, from the headings' lines and plain text
    /// in document order and the ids the document's raw HTML already gives: `assign(in:)` for
    /// a caller that walked the tree itself.
    public static func assign(headings: [(line: Int, text: String)], reserving ids: Set<String>) -> [Int: String] {
        var anchors = HeadingAnchors(reserving: ids)
        // Room for every anchor at once: a set that grows hashes its strings again.
        anchors.used.reserveCapacity(ids.count + headings.count)
        var byLine: [Int: String] = [:]
        byLine.reserveCapacity(headings.count)
        for heading in headings {
            let anchor = anchors.next(for: heading.text)
            if byLine[heading.line] == nil { byLine[heading.line] = anchor }
        }
        return byLine
    }
}
