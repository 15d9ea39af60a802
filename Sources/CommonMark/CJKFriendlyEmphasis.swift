/// The CJK-friendly emphasis amendment (tats-u/markdown-cjk-friendly, `specification.md`) on
/// cmark-gfm's tree: in an inline container (paragraph, heading, table cell, link text) whose
/// delimiter runs touch a CJK character, the emphasis cmark-gfm made is taken apart into its
/// delimiter runs again, and every run is matched anew with the amended flanking rules
/// (CommonMark's "process emphasis" algorithm). Code spans, links, images and raw HTML stay whole.
///
/// A container whose runs touch no CJK character is returned as cmark-gfm made it, so text
/// without CJK renders as before; in a Chinese, Japanese or Korean document
/// (`pairsConverterSlips`) it only gets the two repairs (`Matcher.closeAfterWhiteSpace`,
/// `Matcher.pairConverterSlips`), and is returned unchanged when neither applies. There slip
/// pairing runs before the white-space repair, which would otherwise close `\\**MSI File **/p`.
struct CJKFriendlyEmphasis {
    /// Emphasis is not made when its node would be taller than this (deep nesting stays text).
    var maximumHeight: Int
    /// True in documents in Chinese, Japanese or Korean: `**` the TechNet converter left against
    /// punctuation are paired on their line after matching.
    var pairsConverterSlips = false
    /// True to give no new children when matching made again just what cmark-gfm made.
    var skipsUnchangedOutput = true

    /// The result of a container: its new children (nil when nothing changed) and the runs still shown.
    struct Result {
        var children: [MarkdownNode]?
        var visible: [DelimiterRun]
    }

    /// Matches the runs among `pieces` again when one of them touches a CJK character.
    func rematch(_ pieces: [InlinePiece], edge: ContainerEdge) -> Result {
        var matcher = Matcher(pieces: pieces, edge: edge, maximumHeight: maximumHeight)
        let touchesCJK = matcher.touchesCJK
        let unchanged = touchesCJK ? nil : Result(children: nil, visible: pieces.compactMap { piece -> DelimiterRun? in
            if case .run(let run) = piece, run.isLeftOver { return run }
            return nil
        })
        if let unchanged {
            guard pairsConverterSlips, unchanged.visible.contains(where: { $0.marker == UInt8(ascii: "*") && $0.count >= 2 }) else { return unchanged }
        }
        if touchesCJK || pieces.contains(where: { if case .run(let run) = $0 { !run.isLeftOver } else { false } }) {
            matcher.matchAll()
        }
        let paired = pairsConverterSlips && matcher.pairConverterSlips()
        let closed = matcher.closeAfterWhiteSpace()
        if let unchanged, !paired, !closed { return unchanged }
        if skipsUnchangedOutput, !paired, !closed, matcher.outputIsInput { return Result(children: nil, visible: []) }
        let output = matcher.output()
        return Result(children: output.children, visible: output.visible)
    }

}

/// The delimiter algorithm of CommonMark (§6.2 "process emphasis") over a linked list of slots.
struct Matcher {
    struct Slot {
        var node: MarkdownNode?
        var run: DelimiterRun?
        var height: Int
        var previous: Int
        var next: Int
        var flanking = Flanking(marker: 0, before: .whitespace, after: .whitespace)
        var followsWhiteSpace = false
        var precedesWhiteSpace = false
        var originalCount = 0
        var previousDelimiter = -1
        var nextDelimiter = -1
    }

    var slots: [Slot] = []
    var touchesCJK = false
    /// True while matching has only made again the emphasis cmark-gfm made, of the same runs
    /// and nodes (no run left as text, none joined to another).
    var remakesInput = true
    let maximumHeight: Int
    var firstDelimiter = -1

    /// Slots for `pieces` in order, adjacent runs of one marker joined into one run (`*` left by
    /// cmark-gfm beside the `*` of its emphasis).
    init(pieces: [InlinePiece], edge: ContainerEdge, maximumHeight: Int) {
        self.maximumHeight = maximumHeight
        // `wrap` adds a slot for each emphasis it makes, at most one for each run.
        slots.reserveCapacity(pieces.count * 3 / 2 + 4)
        for piece in pieces {
            let index = slots.count
            switch piece {
            case .node(let node):
                slots.append(Slot(node: node, run: nil, height: Self.height(of: node), previous: index - 1, next: index + 1))
            case .run(let run):
                if run.isLeftOver { remakesInput = false }
                if index > 0, var previous = slots[index - 1].run, previous.marker == run.marker {
                    remakesInput = false
                    previous.count += run.count
                    previous.isLeftOver = previous.isLeftOver || run.isLeftOver
                    slots[index - 1].run = previous
                } else {
                    slots.append(Slot(node: nil, run: run, height: 1, previous: index - 1, next: index + 1))
                }
            }
        }
        if !slots.isEmpty { slots[slots.count - 1].next = -1 }
        var lastDelimiter = -1
        for index in slots.indices {
            guard let run = slots[index].run else { continue }
            let before = index > 0 ? neighborClass(ofSlot: index - 1, atEnd: true) : (edge == .whitespace ? .whitespace : .nonCJKPunctuation)
            let after = index + 1 < slots.count ? neighborClass(ofSlot: index + 1, atEnd: false) : (edge == .whitespace ? .whitespace : .nonCJKPunctuation)
            if before.isCJKSequence || after.isCJKSequence || before == .ideographicVariationSelector { touchesCJK = true }
            slots[index].flanking = Flanking(marker: run.marker, before: before, after: after)
            slots[index].followsWhiteSpace = before == .whitespace
            slots[index].precedesWhiteSpace = after == .whitespace
            slots[index].originalCount = run.count
            guard slots[index].flanking.canOpen || slots[index].flanking.canClose else { continue }
            slots[index].previousDelimiter = lastDelimiter
            if lastDelimiter >= 0 { slots[lastDelimiter].nextDelimiter = index } else { firstDelimiter = index }
            lastDelimiter = index
        }
    }

    static func height(of node: MarkdownNode) -> Int {
        1 + height(of: node.children.span)
    }

    /// The height of the tallest of `nodes` (0 for none), read where they lie.
    private static func height(of nodes: Span<MarkdownNode>) -> Int {
        var tallest = 0
        for index in nodes.indices { tallest = max(tallest, 1 + height(of: nodes[index].children.span)) }
        return tallest
    }

    /// What a run sees of the slot beside it (in the initial order): its last character
    /// (`atEnd`) or its first. Markup (code spans, links, raw HTML, another marker) counts as
    /// ASCII punctuation, breaks as white space.
    func neighborClass(ofSlot index: Int, atEnd: Bool) -> NeighborClass {
        guard slots[index].run == nil, let node = slots[index].node else { return .nonCJKPunctuation }
        return .of(node, atEnd: atEnd)
    }

    private mutating func removeDelimiter(_ index: Int) {
        let previous = slots[index].previousDelimiter
        let next = slots[index].nextDelimiter
        if previous >= 0 { slots[previous].nextDelimiter = next } else if firstDelimiter == index { firstDelimiter = next }
        if next >= 0 { slots[next].previousDelimiter = previous }
        slots[index].previousDelimiter = -1
        slots[index].nextDelimiter = -1
    }

    private mutating func unlinkSlot(_ index: Int) {
        let previous = slots[index].previous
        let next = slots[index].next
        if previous >= 0 { slots[previous].next = next }
        if next >= 0 { slots[next].previous = previous }
    }

    private func bottomKey(_ index: Int) -> Int {
        let slot = slots[index]
        return (slot.run?.marker == UInt8(ascii: "_") ? 6 : 0) + (slot.flanking.canOpen ? 3 : 0) + slot.originalCount % 3
    }

    mutating func matchAll() {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 12) { openersBottom in
            openersBottom.initialize(repeating: -1)
            matchAll(openersBottom: openersBottom)
        }
    }

    /// `matchAll()` with its lowest opener to look at for each kind of closer (`bottomKey`).
    private mutating func matchAll(openersBottom: UnsafeMutableBufferPointer<Int>) {
        var closer = firstDelimiter
        while closer >= 0 {
            guard slots[closer].flanking.canClose, let closing = slots[closer].run else {
                closer = slots[closer].nextDelimiter
                continue
            }
            let key = bottomKey(closer)
            var opener = slots[closer].previousDelimiter
            var found = false
            while opener >= 0, opener > openersBottom[key] {
                if let opening = slots[opener].run, opening.marker == closing.marker, slots[opener].flanking.canOpen {
                    let openerCount = slots[opener].originalCount
                    let closerCount = slots[closer].originalCount
                    let oddMatch = (slots[opener].flanking.canClose || slots[closer].flanking.canOpen)
                        && (openerCount + closerCount) % 3 == 0 && !(openerCount % 3 == 0 && closerCount % 3 == 0)
                    if !oddMatch, innerHeight(from: opener, to: closer) + 1 <= maximumHeight {
                        found = true
                        break
                    }
                }
                opener = slots[opener].previousDelimiter
            }
            if found {
                closer = wrap(opener: opener, closer: closer)
            } else {
                openersBottom[key] = slots[closer].previousDelimiter
                let next = slots[closer].nextDelimiter
                if !slots[closer].flanking.canOpen { removeDelimiter(closer) }
                closer = next
            }
        }
    }

    func innerHeight(from opener: Int, to closer: Int) -> Int {
        var height = 0
        var index = slots[opener].next
        while index >= 0, index != closer {
            height = max(height, slots[index].height)
            index = slots[index].next
        }
        return height
    }

    /// Makes emphasis of the slots between `opener` and `closer`; returns the closer to look at next.
    @discardableResult
    mutating func wrap(opener: Int, closer: Int) -> Int {
        var opening = slots[opener].run!
        var closing = slots[closer].run!
        let used = opening.count >= 2 && closing.count >= 2 ? 2 : 1
        if opening.pair < 0 || opening.pair != closing.pair || opening.count != used || closing.count != used { remakesInput = false }
        opening.count -= used
        closing.count -= used
        closing.column += used
        closing.byteColumn += used
        slots[opener].run = opening
        slots[closer].run = closing

        var children: [MarkdownNode] = []
        var height = 0
        var index = slots[opener].next
        while index >= 0, index != closer {
            // The slots between leave the list: their nodes move into the emphasis.
            children.append(takeNode(of: index))
            height = max(height, slots[index].height)
            if slots[index].run != nil {
                removeDelimiter(index)
                remakesInput = false
            }
            index = slots[index].next
        }
        if Self.mergeText(&children) { remakesInput = false }
        let emphasis = MarkdownNode(kind: used == 2 ? .strong : .emphasis, children: children,
                                    line: opening.line, column: opening.byteColumn + opening.count, endLine: closing.line)
        slots.append(Slot(node: emphasis, run: nil, height: height + 1, previous: opener, next: closer))
        let created = slots.count - 1
        slots[opener].next = created
        slots[closer].previous = created

        if opening.count == 0 {
            removeDelimiter(opener)
            unlinkSlot(opener)
        }
        if closing.count == 0 {
            let next = slots[closer].nextDelimiter
            removeDelimiter(closer)
            unlinkSlot(closer)
            return next
        }
        return closer
    }

    /// The node of slot `index`, moved out of it; a run's marker as text.
    private mutating func takeNode(of index: Int) -> MarkdownNode {
        if let node = slots[index].node.take() { return node }
        let run = slots[index].run!
        return MarkdownNode(kind: .text(String(repeating: Character(Unicode.Scalar(run.marker)), count: run.count)), line: run.line, column: run.byteColumn, endLine: run.line)
    }

    /// The slots left in order, adjacent text joined; and the runs still shown. The slots give
    /// up their nodes.
    mutating func output() -> (children: [MarkdownNode], visible: [DelimiterRun]) {
        var children: [MarkdownNode] = []
        children.reserveCapacity(slots.count)
        var visible: [DelimiterRun] = []
        var index = slots.isEmpty ? -1 : 0
        while index >= 0 {
            if let run = slots[index].run, run.count > 0 { visible.append(run) }
            if slots[index].node != nil || (slots[index].run?.count ?? 0) > 0 { children.append(takeNode(of: index)) }
            index = slots[index].next
        }
        Self.mergeText(&children)
        return (children, visible)
    }

    /// True when `output()` would give the container's children back as they were: matching
    /// made again exactly the emphasis cmark-gfm made, no run is left, and no two text nodes are
    /// adjacent (so none would be joined).
    var outputIsInput: Bool {
        guard remakesInput else { return false }
        var previousIsText = false
        var index = slots.isEmpty ? -1 : 0
        while index >= 0 {
            if let run = slots[index].run, run.count > 0 { return false }
            if let node = slots[index].node {
                let isText = if case .text = node.kind { true } else { false }
                if isText, previousIsText { return false }
                previousIsText = isText
            }
            index = slots[index].next
        }
        return true
    }

    /// Joins adjacent text nodes in place (the first keeps its position); returns whether it joined any.
    @discardableResult
    static func mergeText(_ nodes: inout [MarkdownNode]) -> Bool {
        var kept = 0
        for index in nodes.indices {
            if kept > 0, case .text(let text) = nodes[index].kind, case .text(let previous) = nodes[kept - 1].kind {
                nodes[kept - 1].kind = .text(previous + text)
            } else {
                if kept != index { nodes.swapAt(kept, index) }
                kept += 1
            }
        }
        let joined = kept < nodes.count
        nodes.removeLast(nodes.count - kept)
        return joined
    }
}
