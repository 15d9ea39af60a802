/// Rewrites TechNet Markdown so that CommonMark reads it the way its authors meant.
///
/// The converter that made the corpus put Markdown right after a raw `<td …>` line and after
/// empty anchors such as `<span id="sectionToggle8"></span>`. CommonMark keeps such lines in
/// the HTML block, so `**bold**` and `[links](…)` would print literally. A blank line is
/// inserted after those lines (and before a lone closing `</td>`), which ends the HTML block
/// and lets the content parse as Markdown. Single-line cells holding Markdown are split.
/// The line map keeps every parsed line pointing at its line in the file.
public enum TechNetPreprocessor {
    public struct Output: Sendable {
        public var text: String
        /// `lineMap[i]` is the file line of output line `i + 1`.
        public var lineMap: [Int]
    }

    private static let cellTags: Set<String> = ["td", "th", "caption"]

    /// Rewrites `body`, whose first line is file line `firstLine`.
    public static func process(_ body: Substring, firstLine: Int) -> Output {
        var out = ""
        out.reserveCapacity(body.utf8.count + body.utf8.count / 16)
        var lineMap: [Int] = []
        var fence: Substring?
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        lineMap.reserveCapacity(lines.count + lines.count / 8)
        for (offset, line) in lines.enumerated() {
            let fileLine = firstLine + offset
            func emit(_ text: Substring) {
                out += text
                out += "\n"
                lineMap.append(fileLine)
            }
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if let open = fence {
                emit(line)
                if trimmed.hasPrefix(open), trimmed.drop(while: { $0 == open.first }).allSatisfy(\.isWhitespace) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~"), line.count - trimmed.count < 4 {
                fence = trimmed.prefix { $0 == trimmed.first }
                emit(line)
                continue
            }
            guard trimmed.first == "<", line.count - trimmed.count < 4 else {
                emit(line)
                continue
            }
            let content = trimmed.trimmingTrailingWhitespace()
            let next = offset + 1 < lines.count ? lines[offset + 1] : ""
            let nextIsIndentedCode = next.prefix(while: { $0 == " " }).count >= 4
            if let tag = openingTag(content), cellTags.contains(tag) || tag == "p" {
                emit(line)
                if !nextIsIndentedCode, !next.allSatisfy(\.isWhitespace), next.first != "<" { emit("") }
            } else if closingTag(content).map(cellTags.contains) == true {
                if let previous = out.utf8.dropLast().last, previous != UInt8(ascii: "\n") { emit("") }
                emit(line)
            } else if isEmptyAnchor(content) {
                emit(line)
                if !nextIsIndentedCode, !next.allSatisfy(\.isWhitespace) { emit("") }
            } else if let (opening, inner, closing) = singleLineCell(content), inner.contains("**") || inner.contains("](") {
                emit(opening)
                emit("")
                emit(inner)
                emit("")
                emit(closing)
            } else {
                emit(line)
            }
        }
        if !body.hasSuffix("\n"), out.hasSuffix("\n") { out.removeLast() }
        return Output(text: out, lineMap: lineMap)
    }

    /// `td` for a line that is exactly one opening tag `<td …>`.
    static func openingTag(_ line: Substring) -> String? {
        guard line.hasPrefix("<"), line.hasSuffix(">"), !line.hasPrefix("</"),
              line.dropFirst().dropLast().firstIndex(of: ">") == nil, !line.hasSuffix("/>") else { return nil }
        let name = line.dropFirst().prefix { $0.isLetter || $0.isNumber }
        return name.isEmpty ? nil : name.lowercased()
    }

    /// `td` for a line that is exactly one closing tag `</td>`.
    static func closingTag(_ line: Substring) -> String? {
        guard line.hasPrefix("</"), line.hasSuffix(">") else { return nil }
        let name = line.dropFirst(2).dropLast()
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        return name.lowercased()
    }

    /// `<span id="x"></span>` or `<a name="x"></a>` alone on a line.
    static func isEmptyAnchor(_ line: Substring) -> Bool {
        for tag in ["span", "a"] {
            if line.hasPrefix("<\(tag)"), line.hasSuffix("</\(tag)>") {
                let inner = line.dropLast(tag.count + 3)
                if let close = inner.firstIndex(of: ">"), inner.index(after: close) == inner.endIndex { return true }
            }
        }
        return false
    }

    /// Splits `<td …>content</td>` into its three parts.
    static func singleLineCell(_ line: Substring) -> (Substring, Substring, Substring)? {
        guard let name = line.dropFirst().prefix(while: { $0.isLetter }).lowercased() as String?,
              cellTags.contains(name), line.hasSuffix("</\(name)>"),
              let close = line.firstIndex(of: ">") else { return nil }
        let innerStart = line.index(after: close)
        let innerEnd = line.index(line.endIndex, offsetBy: -(name.count + 3))
        guard innerStart < innerEnd else { return nil }
        let inner = line[innerStart..<innerEnd]
        guard !inner.contains("<td"), !inner.contains("<th") else { return nil }
        return (line[..<innerStart], inner, line[innerEnd...])
    }
}

extension Substring {
    func trimmingTrailingWhitespace() -> Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[startIndex..<end]
    }
}
