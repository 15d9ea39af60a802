/// The two repairs beyond the CJK-friendly amendment that the matcher makes after matching, for
/// bold the TechNet converter wrote in ways neither CommonMark nor the amendment accepts.
extension Matcher {
    /// The first repair beyond the amendment, for the TechNet converter's habit of putting white
    /// space or a line break before a closing `**` (`**常见问题？ **答案`, `**问题？  ⏎**答案`): a
    /// `**` left unmatched that can open is closed by the next `**` left unmatched when that one
    /// follows white space and nothing unmatched lies between. In containers that touch CJK, and
    /// in every container of a Chinese, Japanese or Korean document. Returns whether it closed any.
    @discardableResult
    mutating func closeAfterWhiteSpace() -> Bool {
        var closed = false
        var previous = -1
        var index = slots.isEmpty ? -1 : 0
        while index >= 0 {
            let next = slots[index].next
            if let run = slots[index].run, run.count > 0 {
                if previous >= 0, let opening = slots[previous].run, opening.marker == UInt8(ascii: "*"), run.marker == opening.marker,
                   opening.count >= 2, run.count >= 2, slots[previous].flanking.canOpen, slots[index].followsWhiteSpace,
                   innerHeight(from: previous, to: index) + 1 <= maximumHeight {
                    let after = wrap(opener: previous, closer: index)
                    closed = true
                    moveTrailingSpaceOut(of: slots.count - 1)
                    previous = after == index && (slots[index].run?.count ?? 0) > 0 ? index : -1
                } else {
                    previous = index
                }
            }
            index = next
        }
        return closed
    }

    /// The second repair, in Chinese, Japanese and Korean documents only (and run before the
    /// first there), for bold the TechNet converter wrote against punctuation, which neither
    /// CommonMark nor the amendment accepts
    /// (`**https://***servername*`, `*Inetpubdir***\\AdminScripts**`, `approvals**.**`,
    /// `在**“**ActiveX`): after matching, a `**` left unmatched that is not followed by white space
    /// is closed by the next `**` left unmatched when that one is on the same line, is not preceded
    /// by white space and has content before it; left to right. A run of another length (`***`,
    /// `****`) is not paired and stops a pair across it; nor is a pair that would enclose bold,
    /// which the converter's HTML never nests (there the bold was matched wrongly before:
    /// WindowsUpdateServices/18125782.md:69, 18126054.md:34). Returns whether it paired any.
    @discardableResult
    mutating func pairConverterSlips() -> Bool {
        var paired = false
        var previous = -1
        var index = slots.isEmpty ? -1 : 0
        while index >= 0 {
            let next = slots[index].next
            if let run = slots[index].run, run.marker == UInt8(ascii: "*"), run.count >= 2 {
                if previous >= 0, let opening = slots[previous].run, opening.count == 2, run.count == 2,
                   opening.textLine == run.textLine, !slots[previous].precedesWhiteSpace, !slots[index].followsWhiteSpace,
                   slots[previous].next != index, !enclosesStrong(from: previous, to: index),
                   innerHeight(from: previous, to: index) + 1 <= maximumHeight {
                    wrap(opener: previous, closer: index)
                    paired = true
                    previous = -1
                } else {
                    previous = index
                }
            }
            index = next
        }
        return paired
    }

    /// True when a slot between `opener` and `closer` holds strong emphasis, at any depth.
    private func enclosesStrong(from opener: Int, to closer: Int) -> Bool {
        func holdsStrong(_ node: MarkdownNode) -> Bool {
            node.kind == .strong || node.children.contains(where: holdsStrong)
        }
        var index = slots[opener].next
        while index >= 0, index != closer {
            if let node = slots[index].node, holdsStrong(node) { return true }
            index = slots[index].next
        }
        return false
    }

    /// Moves the white space and line breaks that end the emphasis at `index` to just after it.
    private mutating func moveTrailingSpaceOut(of index: Int) {
        guard var emphasis = slots[index].node else { return }
        var moved: [MarkdownNode] = []
        while let last = emphasis.children.last {
            if last.kind == .softBreak || last.kind == .lineBreak {
                moved.insert(last, at: 0)
                emphasis.children.removeLast()
                continue
            }
            if case .text(let text) = last.kind, let end = text.unicodeScalars.lastIndex(where: { !CJK.isWhitespace($0) }) {
                let kept = String(text.unicodeScalars[...end])
                if kept.unicodeScalars.count < text.unicodeScalars.count {
                    var space = last
                    space.kind = .text(String(text.unicodeScalars[text.unicodeScalars.index(after: end)...]))
                    moved.insert(space, at: 0)
                    emphasis.children[emphasis.children.count - 1].kind = .text(kept)
                }
            }
            break
        }
        guard !moved.isEmpty, !emphasis.children.isEmpty else { return }
        slots[index].node = emphasis
        var after = index
        for node in moved {
            let next = slots[after].next
            slots.append(Slot(node: node, run: nil, height: 1, previous: after, next: next))
            let created = slots.count - 1
            slots[after].next = created
            if next >= 0 { slots[next].previous = created }
            after = created
        }
    }
}
