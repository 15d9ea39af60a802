import CCmarkGFM

/// The converter's emphasis pass: each inline container's emphasis checked against the
/// CJK-friendly amendment (`CJKFriendlyEmphasis`), read from cmark-gfm's nodes beside the
/// converted ones.
extension Converter {
    /// The character column of a byte column, counted on from the last one asked on the same line
    /// (markers come in document order, so a long line is read once).
    mutating func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard let bytes = source.line(line) else { return byteColumn }
        let offset = bytes.startIndex + byteColumn - 1
        if columnCursor.line != line || columnCursor.offset > offset {
            columnCursor = (line, bytes.startIndex, 1)
        }
        columnCursor.column += TextLines.characterColumn(ofByte: offset, in: bytes[columnCursor.offset...]) - 1
        columnCursor.offset = offset
        return columnCursor.column
    }

    /// The edge of a container whose inlines form one scope of emphasis matching, or nil.
    static func edge(of kind: MarkdownNode.Kind) -> ContainerEdge? {
        switch kind {
        case .paragraph, .heading, .tableCell: .whitespace
        case .link, .image: .markup
        default: nil
        }
    }

    /// Runs the CJK-friendly emphasis pass over one container and records the `**` still shown.
    /// A container with CJK text and emphasis markers has cmark-gfm's emphasis taken apart and
    /// matched again; one with `**` but no CJK only has its left-over runs found.
    /// `scan` is what the container's conversion noted of its children, but for the edges of its
    /// own emphasis (`MarkerScan.noteEmphasisEdges`), looked at here once they matter.
    mutating func rematchEmphasis(_ children: inout [MarkdownNode], of container: CmarkNode, edge: ContainerEdge, depth: Int, scan: MarkerScan) {
        guard scan.hasMarker, scan.hasCJK || scan.hasDoubleStar else { return }
        var scan = scan
        scan.noteEmphasisEdges(of: children)
        // No marker left in the text and no delimiter of emphasis beside CJK: the pass would
        // neither change the container nor find a marker shown.
        guard !skipsUnchangedEmphasis || scan.hasTextMarker || scan.emphasisMayTouchCJK else { return }
        // Taken apart, the runs inside emphasis are seen too (`**Oktober****2013**` shows `****`);
        // a Latin container of a Chinese, Japanese or Korean document keeps its emphasis whole,
        // so that slip pairing looks only at the runs cmark-gfm left beside it.
        let takesApart = scan.hasCJK || !pairsConverterSlips
        if skipsUnchangedEmphasis, !scan.hasTextMarker, keepsEmphasis(of: container, children, edge: edge, takesApart: takesApart) { return }
        var pieces: [InlinePiece] = []
        pieces.reserveCapacity(children.count + 4)
        if takesApart {
            flatten(container, children, level: 0, into: &pieces)
        } else {
            var child = container.firstChild
            for index in children.indices {
                guard let pointer = child else { break }
                appendPieces(of: pointer, converted: children[index], into: &pieces)
                child = pointer.nextSibling
            }
        }
        let result = CJKFriendlyEmphasis(maximumHeight: max(0, maximumDepth - depth), pairsConverterSlips: pairsConverterSlips,
                                         skipsUnchangedOutput: skipsUnchangedEmphasis).rematch(pieces, edge: edge)
        if let rematched = result.children { children = rematched }
        for run in result.visible where run.marker == UInt8(ascii: "*") && run.count >= 2 {
            visibleMarkers.append(MarkdownParser.VisibleMarker(marker: String(repeating: "*", count: run.count), line: run.line,
                                                               column: characterColumn(line: run.textLine, byteColumn: run.byteColumn)))
        }
    }

    /// True when the emphasis pass would give `children` of a container without a marker left in
    /// its text back as they are (`EmphasisRemakeCheck`), found without taking them apart. Only
    /// while the tree is far from `maximumDepth`, so that no emphasis is too tall to be made again.
    func keepsEmphasis(of container: CmarkNode, _ children: [MarkdownNode], edge: ContainerEdge, takesApart: Bool) -> Bool {
        guard deepest + 2 < maximumDepth else { return false }
        var check = EmphasisRemakeCheck(edge: edge)
        if takesApart {
            walk(container, children.span, into: &check)
        } else {
            let children = children.span
            for index in children.indices { check.add(children, at: index) }
        }
        return check.finish()
    }

    /// Feeds `check` the inlines of `container` as `flatten` cuts them (there is no marker in their text).
    private func walk(_ container: CmarkNode, _ converted: Span<MarkdownNode>, into check: inout EmphasisRemakeCheck) {
        var child = container.firstChild
        for index in converted.indices {
            guard check.holds else { return }
            guard let pointer = child else { return check.fail() }
            child = pointer.nextSibling
            let type = pointer.nodeType
            guard type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG,
                  let runs = delimiters(of: pointer, count: type == CMARK_NODE_STRONG ? 2 : 1,
                                        children: converted[index].children.count, line: converted[index].line) else {
                check.add(converted, at: index)
                continue
            }
            check.add(run: runs.opening.marker, opening: true)
            walk(pointer, converted[index].children.span, into: &check)
            check.add(run: runs.closing.marker, opening: false)
        }
    }

    /// The inlines of `container` as pieces: text cut at its marker runs, and emphasis taken
    /// apart into its delimiter runs and content (walking cmark's nodes beside the converted ones).
    func flatten(_ container: CmarkNode, _ converted: [MarkdownNode], level: Int, into pieces: inout [InlinePiece]) {
        var child = container.firstChild
        for index in converted.indices {
            guard let pointer = child else { break }
            child = pointer.nextSibling
            let type = pointer.nodeType
            guard type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG, level < maximumDepth,
                  var runs = delimiters(of: pointer, count: type == CMARK_NODE_STRONG ? 2 : 1,
                                        children: converted[index].children.count, line: converted[index].line) else {
                appendPieces(of: pointer, converted: converted[index], into: &pieces)
                continue
            }
            runs.opening.pair = pieces.count
            runs.closing.pair = pieces.count
            pieces.append(.run(runs.opening))
            flatten(pointer, converted[index].children, level: level + 1, into: &pieces)
            pieces.append(.run(runs.closing))
        }
    }

    /// A text node cut at its marker runs, or any other node whole.
    func appendPieces(of pointer: CmarkNode, converted node: MarkdownNode, into pieces: inout [InlinePiece]) {
        if pointer.nodeType == CMARK_NODE_TEXT, case .text(let literal) = node.kind,
           MarkerScan.containsMarker(literal),
           let line = source.line(Int(pointer.startLine)),
           let cut = tokenize(literal, line: line, textLine: Int(pointer.startLine),
                              startColumn: Int(pointer.startColumn), node: node) {
            pieces.append(contentsOf: cut)
        } else {
            pieces.append(.node(node))
        }
    }

    /// The opening and closing runs of emphasis cmark-gfm made, read from the source at its
    /// start and end columns; nil when the source there is not the marker (then it stays whole).
    /// `children` and `line` are those of the emphasis converted from `pointer`.
    func delimiters(of pointer: CmarkNode, count: Int, children: Int, line: Int) -> (opening: DelimiterRun, closing: DelimiterRun)? {
        let startLine = Int(pointer.startLine)
        let endLine = Int(pointer.endLine)
        // Byte ranges and bytes of the source read in place (a line's slice would retain the text).
        guard children == Converter.childCount(of: pointer),
              let first = source.range(ofLine: startLine), let last = source.range(ofLine: endLine) else { return nil }
        let start = first.lowerBound + Int(pointer.startColumn) - 1
        let end = last.lowerBound + Int(pointer.endColumn) - count
        guard start >= first.lowerBound, start + count <= first.upperBound, end >= last.lowerBound, end + count <= last.upperBound
        else { return nil }
        let marker = source[byte: start]
        guard MarkerTokenizer.isMarker(marker),
              (start..<(start + count)).allSatisfy({ source[byte: $0] == marker }),
              (end..<(end + count)).allSatisfy({ source[byte: $0] == marker })
        else { return nil }
        let opening = DelimiterRun(marker: marker, count: count, line: line, textLine: startLine, column: 0,
                                   byteColumn: start - first.lowerBound + 1, isLeftOver: false)
        let closing = DelimiterRun(marker: marker, count: count, line: fileLine(Int32(endLine)), textLine: endLine, column: 0,
                                   byteColumn: end - last.lowerBound + 1, isLeftOver: false)
        return (opening, closing)
    }

    static func childCount(of pointer: CmarkNode) -> Int {
        var count = 0
        var child = pointer.firstChild
        while let current = child {
            count += 1
            child = current.nextSibling
        }
        return count
    }

    /// The literal cut at its marker runs, aligned with its source line at cmark's column, or
    /// anywhere on the line when that column is off (lazy continuation lines).
    func tokenize(_ literal: String, line: ArraySlice<UInt8>, textLine: Int, startColumn: Int, node: MarkdownNode) -> [InlinePiece]? {
        let start = line.startIndex + startColumn - 1
        if start >= line.startIndex, start < line.endIndex,
           let pieces = MarkerTokenizer.pieces(of: literal, source: line, start: start, fileLine: node.line, textLine: textLine, template: node) {
            return pieces
        }
        guard let first = literal.utf8.first else { return nil }
        var attempts = 0
        for offset in line.indices where line[offset] == first || line[offset] == UInt8(ascii: "\\") || line[offset] == UInt8(ascii: "&") {
            attempts += 1
            if attempts > 32 { break }
            if let pieces = MarkerTokenizer.pieces(of: literal, source: line, start: offset, fileLine: node.line, textLine: textLine, template: node) {
                return pieces
            }
        }
        return nil
    }
}
