import AdvisoryModel
import CommonMark
import Foundation

/// The lines under the title: the date line and the version line, and the severity of the title and body.
extension AdvisoryExtractor {
    func readDateLine(blocks: [MarkdownNode], from start: Int, near anchorLine: Int, profile: LocaleProfile,
                              into advisory: inout Advisory, lines: inout [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        let publishedLabels = catalog.labelNeedles(\.published)
        let updatedLabels = catalog.labelNeedles(\.updated)
        var unreadLine: (text: String, line: Int)?
        var seenParagraph = false
        defer {
            if advisory.published == nil, advisory.updated == nil, let unreadLine {
                diagnostics.append(Diagnostic(.loc004, "date line '\(unreadLine.text.prefix(80))' holds no date Herald can read for \(profile.tag)",
                                              at: SourceLocation(path: path, line: unreadLine.line)))
            }
        }
        for block in blocks[min(start, blocks.count)...] {
            if block.line - anchorLine > 30 { break }
            if case .heading = block.kind { continue }
            guard case .paragraph = block.kind else { continue }
            let text = block.plainText
            let isFirstParagraph = !seenParagraph
            seenParagraph = true
            for line in Self.nonEmptyLines(of: text) {
                // A date line is short; scanning a huge line for dates would be quadratic.
                guard line.utf8.count <= 2000 else { continue }
                let candidate = String(line)
                let lowered = TextSearch.lowered(candidate)
                let hasLabel = TextSearch.containsAny(lowered: lowered, publishedLabels) || TextSearch.containsAny(lowered: lowered, updatedLabels)
                let hasPipe = candidate.containsByte(UInt8(ascii: "|"))
                // Without a known label, a `|` or a label before the line's first colon, a line
                // after the first paragraph is passed over below whatever dates it holds: they are
                // not read. Unless it looks like a date line, which is named when none is read (its
                // label may hold a numeral such as 一, which `dateLineLabel` refuses).
                if !hasLabel, !hasPipe, !isFirstParagraph, Self.dateLineLabel(candidate, firstDate: nil) == nil,
                   !Self.looksLikeDateLine(candidate) { continue }
                let atoms = dates.dates(in: candidate, numericOrder: profile.numericDate)
                let unknownLabel = hasLabel ? nil : Self.dateLineLabel(candidate, firstDate: atoms.first)
                    ?? (isFirstParagraph ? Self.leadingWords(candidate, firstDate: atoms.first) : nil)
                if atoms.isEmpty, unreadLine == nil, Self.looksLikeDateLine(candidate) {
                    unreadLine = (candidate, block.line)
                }
                guard hasLabel || unknownLabel != nil || (hasPipe && !atoms.isEmpty) else { continue }
                guard hasLabel ? (!atoms.isEmpty || hasPipe) : true else { continue }
                if let last = atoms.last {
                    let after = Self.textAfter(last, in: candidate)
                    if after.count > 6, !dates.isWeekday(after) { continue }
                }
                let segments = candidate.split(separator: "|", omittingEmptySubsequences: false)
                var unknownLabels: [String] = []
                for (index, segment) in segments.enumerated() {
                    let text = String(segment)
                    let segmentAtoms = segments.count == 1 ? atoms : dates.dates(in: segment, of: candidate, lineDates: atoms, numericOrder: profile.numericDate)
                    guard let atom = segmentAtoms.first else { continue }
                    guard let date = atom.date else {
                        diagnostics.append(Diagnostic(.date003, "'\(atom.text)' is not a valid date", at: SourceLocation(path: path, line: block.line)))
                        continue
                    }
                    let segmentLowered = segments.count == 1 ? lowered : TextSearch.lowered(text)
                    let namesUpdated = TextSearch.containsAny(lowered: segmentLowered, updatedLabels)
                    let namesPublished = TextSearch.containsAny(lowered: segmentLowered, publishedLabels)
                    let isUpdated = namesUpdated && !namesPublished
                    let isPublished = !isUpdated && (namesPublished || index == 0)
                    if !namesUpdated, !namesPublished,
                       let label = Self.dateLineLabel(text, firstDate: atom) ?? (isFirstParagraph ? Self.leadingWords(text, firstDate: atom) : nil) {
                        unknownLabels.append(label)
                    }
                    if isPublished, advisory.published == nil {
                        advisory.published = date
                        lines[.published] = block.line
                    } else if !isPublished, advisory.updated == nil {
                        advisory.updated = date
                        lines[.updated] = block.line
                    }
                }
                if advisory.published != nil || advisory.updated != nil {
                    lines[.dateLine] = block.line
                    for label in unknownLabels {
                        diagnostics.append(Diagnostic(.loc003, "date line label '\(label)' is in no locale pack; add it to the published/updated labels of \(profile.tag) (labels: in site.yml)",
                                                      at: SourceLocation(path: path, line: block.line)))
                    }
                    return
                }
            }
        }
    }

    /// The label of a line shaped like a date line, `Julkaistu: maanantai 23. kesäkuuta 2008`:
    /// at most 40 characters without digits before a colon, and (when `firstDate` is given) at most
    /// 30 more without digits between the colon and the date. Nil for other lines.
    static func dateLineLabel(_ line: String, firstDate: DateAtom?) -> String? {
        // A line without `:` or `：` bytes has no character that is one.
        guard TextSearch.containsASCIIOrFullwidth(UInt8(ascii: ":"), in: line) else { return nil }
        let head: Substring
        if let firstDate {
            let utf16 = line.utf16
            guard let end = utf16.index(utf16.startIndex, offsetBy: firstDate.range.location, limitedBy: utf16.endIndex),
                  let index = end.samePosition(in: line) else { return nil }
            head = line[..<index]
        } else {
            head = Substring(line)
        }
        guard let colon = head.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = head[..<colon].filter { $0 != "*" }.trimmingScalars(ScalarClass.isSpace)
        let between = head[head.index(after: colon)...]
        guard !label.isEmpty, label.count <= 40, !label.contains(where: \.isNumber) else { return nil }
        if firstDate != nil, between.count > 30 || between.contains(where: \.isNumber) { return nil }
        return label
    }

    /// The one to three words before the first date of a line without a colon
    /// (`Udgivet torsdag 23. oktober 2008`): the label of a date line that is the first paragraph
    /// under the title. Nil when anything but letters and spaces stands before the date.
    static func leadingWords(_ line: String, firstDate: DateAtom?) -> String? {
        guard let firstDate else { return nil }
        let utf16 = line.utf16
        guard let end = utf16.index(utf16.startIndex, offsetBy: firstDate.range.location, limitedBy: utf16.endIndex),
              let index = end.samePosition(in: line) else { return nil }
        let head = line[..<index].filter { $0 != "*" }.trimmingScalars { ScalarClass.isSpace($0) || $0 == "," }
        let words = head.split(separator: " ")
        guard !head.isEmpty, head.count <= 30, (1...3).contains(words.count), head.allSatisfy({ $0.isLetter || $0 == " " || $0 == "," }) else { return nil }
        return String(words[0])
    }

    /// A short line `Label: <a year and at most 40 characters>` whose label is words only
    /// (`Julkaistu: 23. kesä-heinä 2008`, `发布日期：2006 年 12 月`): a date line, read or not.
    static func looksLikeDateLine(_ line: String) -> Bool {
        if !line.containsByte(UInt8(ascii: "*")), !containsYear(line) { return false }
        let text = withoutAsterisks(line).trimmingScalars(ScalarClass.isSpace)
        guard text.count <= 80, containsYear(text), let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return false }
        let label = text[..<colon].trimmingScalars(ScalarClass.isSpace)
        let value = text[text.index(after: colon)...]
        return !label.isEmpty && label.count <= 40 && value.count <= 40
            && label.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "." || $0 == "'" }
    }

    /// True when `text` holds a year from 1900 to 2099 as four ASCII digits.
    static func containsYear(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(containsYear(utf8:))
    }

    private static func containsYear(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 4 else { return false }
        for index in 0...(bytes.count - 4) where (bytes[index] == UInt8(ascii: "1") && bytes[index + 1] == UInt8(ascii: "9"))
            || (bytes[index] == UInt8(ascii: "2") && bytes[index + 1] == UInt8(ascii: "0")) {
            if bytes[index + 2].isASCIIDigit, bytes[index + 3].isASCIIDigit,
               index == 0 || !bytes[index - 1].isASCIIDigit, index + 4 == bytes.count || !bytes[index + 4].isASCIIDigit { return true }
        }
        return false
    }

    func readVersion(blocks: [MarkdownNode], from start: Int, near anchorLine: Int, into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        let labels = catalog.classedLabels(\.version)
        for block in blocks[min(start, blocks.count)...] {
            if block.line - anchorLine > 40 { break }
            guard case .paragraph = block.kind else { continue }
            for line in Self.sourceLines(of: block) {
                if let version = Self.labelledVersion(line, labels: labels) ?? Self.bareVersion(line) {
                    advisory.version = version
                    lines[.version] = block.line
                    return
                }
            }
        }
    }

    /// `1.0` from a line that is a short label without digits, a colon and a version alone
    /// (`**Versio:** 1.0`): the version line of a language without a pack.
    static func bareVersion(_ line: String) -> String? {
        guard containsASCIIDigit(line) else { return nil }
        let text = withoutAsterisks(line).trimmingScalars(ScalarClass.isSpace)
        guard text.count <= 50, let colon = text.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = text[..<colon]
        guard !label.isEmpty, label.count <= 30, !label.contains(where: \.isNumber) else { return nil }
        let rest = text[text.index(after: colon)...].trimmingScalars(ScalarClass.isSpace)
        // `version` is ASCII (`labelledVersion` makes it of ASCII digits and dots): its dot is a byte.
        guard let version = labelledVersion(rest, labels: emptyLabel), version.containsByte(UInt8(ascii: ".")),
              rest.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else { return nil }
        return version
    }

    /// The empty label: `bareVersion` reads the version right after the colon.
    private static let emptyLabel = LabelComparison.ClassedLabels([""])

    /// `1.0` from `**版本：**1.0`, `**Version:** 1,0`, `**Version** 1.1 (letzte …)`; nil for other lines.
    static func labelledVersion(_ line: String, labels: LabelComparison.ClassedLabels) -> String? {
        guard containsASCIIDigit(line) else { return nil }
        let text = Substring(withoutAsterisks(line)).drop(while: \.isWhitespace)
        let isPlain = LabelComparison.PlainClass(of: text.unicodeScalars).isPlain
        guard let label = labels.labels.first(where: { $0.equals(text.prefix($0.characterCount), isPlain: isPlain) }) else { return nil }
        let rest = text.dropFirst(label.characterCount).drop { $0.isWhitespace || $0 == ":" || $0 == "：" }
        let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        guard let first = number.first, first.isNumber else { return nil }
        // `number` is ASCII: its commas become dots byte for byte.
        var version = String(decoding: number.utf8.map { $0 == UInt8(ascii: ",") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
        while version.hasSuffix(".") { version.removeLast() }
        return version
    }

    /// `line.filter { $0 != "*" }`: the line itself when it has no `*` byte (no character is then `*`).
    static func withoutAsterisks(_ line: String) -> String {
        line.containsByte(UInt8(ascii: "*")) ? line.filter { $0 != "*" } : line
    }

    /// A version is ASCII digits: a line without one holds none.
    private static func containsASCIIDigit(_ line: String) -> Bool {
        line.utf8.contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The lines of a paragraph as written, emphasis markers dropped: soft and hard breaks both end a line.
    static func sourceLines(of block: MarkdownNode) -> [String] {
        var lines: [String] = [""]
        func walk(_ node: MarkdownNode) {
            switch node.kind {
            case .softBreak, .lineBreak: lines.append("")
            case .text(let text), .code(let text): lines[lines.count - 1] += text
            case .htmlInline(let html): lines[lines.count - 1] += HTMLText.strippingTags(html)
            default: node.children.forEach(walk)
            }
        }
        block.children.forEach(walk)
        return lines
    }

    func readSeverity(blocks: [MarkdownNode], title: String, into advisory: inout Advisory,
                              lines: inout [RecordField: Int], diagnostics: inout [Diagnostic], path: String) {
        var titleSeverity: Severity?
        if advisory.kind == .bulletin, let suffix = Self.titleSuffix(title) {
            let lastWord = suffix.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? suffix
            if let found = catalog.severityRating(for: suffix) ?? catalog.severityRating(for: lastWord),
               let rating = SeverityRating(rawValue: found.rating) {
                titleSeverity = Severity(rating: rating, raw: found.raw)
            } else {
                diagnostics.append(Diagnostic(.loc001, "title suffix '\(suffix)' is not a severity word of any locale pack; add it to the severity words of \(advisory.locale) (labels: in site.yml)",
                                              at: SourceLocation(path: path, line: lines[.title] ?? 1)))
            }
        }
        let labels = catalog.labelNeedles(\.maximumSeverity)
        var bodySeverity: (Severity, Int)?
        for block in blocks.prefix(200) {
            guard case .paragraph = block.kind, let first = block.children.first, case .strong = first.kind else { continue }
            let firstText = first.plainText
            let label = firstText.trimmingScalars(Self.isLabelTrim)
            guard TextSearch.containsAny(label, labels) else { continue }
            let rest = String(block.plainText.dropFirst(firstText.count))
            if let found = catalog.severityRating(for: rest), let rating = SeverityRating(rawValue: found.rating) {
                bodySeverity = (Severity(rating: rating, raw: found.raw), block.line)
                break
            }
        }
        if let (severity, line) = bodySeverity {
            advisory.severity = severity
            lines[.severity] = line
            if let titleSeverity, titleSeverity.rating != severity.rating {
                diagnostics.append(Diagnostic(.sev001, "title says '\(titleSeverity.raw)' but the body's maximum severity is '\(severity.raw)'",
                                              at: SourceLocation(path: path, line: line)))
            }
        } else if let titleSeverity {
            advisory.severity = titleSeverity
            lines[.severity] = lines[.title]
        }
    }

    static let bulletinIdInTitle = PlainFirstPattern("MS\\d\\d-\\d{3}", caseInsensitive: true, plain: .sequence([
        .one(.anyOf(["M", "m"])), .one(.anyOf(["S", "s"])), .exactly(2, .digit), .literal("-"), .exactly(3, .digit),
    ]))

    /// What follows the bulletin id after a dash in a title (`MS08-067 - Crítica` → `Crítica`),
    /// else after the title's last spaced dash; nil when there is none or it is longer than four words.
    static func titleSuffix(_ title: String) -> String? {
        var rest: Substring
        if let id = Self.bulletinIdInTitle.firstRange(in: title) {
            rest = title[id.upperBound...]
            let afterSpace = rest.drop { $0.isWhitespace }
            guard let dash = afterSpace.first, "-–—".contains(dash) else { return nil }
            rest = afterSpace.dropFirst()
        } else if let dash = title.range(of: "[\\s\u{00A0}][-–—][\\s\u{00A0}]", options: [.regularExpression, .backwards]) {
            rest = title[dash.upperBound...]
        } else {
            return nil
        }
        let suffix = rest.trimmingScalars { ScalarClass.isSpace($0) || $0 == "*" }
        guard !suffix.isEmpty, suffix.count <= 40, suffix.split(whereSeparator: \.isWhitespace).count <= 4,
              !suffix.contains(where: \.isNumber) else { return nil }
        return suffix
    }

    /// Takes a bulletin's severity from its affected-software table (the highest rating a row
    /// states) when neither the title nor the body states one.
    func severityFromAffectedSoftware(into advisory: inout Advisory, lines: inout [RecordField: Int]) {
        guard advisory.kind == .bulletin, advisory.severity == nil else { return }
        var best: (rating: SeverityRating, line: Int)?
        for product in advisory.products {
            guard let word = product.severity, let rating = SeverityRating(rawValue: word) else { continue }
            if best == nil || rating > best!.rating { best = (rating, product.line) }
        }
        guard let best else { return }
        advisory.severity = Severity(rating: best.rating, raw: best.rating.rawValue)
        lines[.severity] = best.line
    }
}
