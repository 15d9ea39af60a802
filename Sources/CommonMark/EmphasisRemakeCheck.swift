/// Whether matching a container's runs again (`CJKFriendlyEmphasis`) would give back exactly
/// the emphasis cmark-gfm made, from nodes and runs fed in the order the matcher sees them (a
/// container with no marker left in its text, so every run is a delimiter of that emphasis).
///
/// It would when no two text nodes lie side by side (the matcher would join them), no two runs
/// touch (it would join them into one), each opening run can open and each closing run can
/// close under the amended rules, and an opening run that could also close has no emphasis of
/// its own marker around it (it would close that instead). Then, closing runs taken left to
/// right, each finds its own opening run as the nearest open one of its marker: the emphasis
/// within has been made again already, no run of equal count pairs by the rule of three, and an
/// opening run that found nothing to close stays open. Repairs need runs left unmatched: none are.
struct EmphasisRemakeCheck {
    private(set) var holds = true
    /// What the runs at the container's ends see beyond it.
    private let edge: NeighborClass
    private var previousEnd: NeighborClass
    private var previousIsText = false
    private var previousRunMarker: UInt8?
    /// The last run, waiting for what follows it.
    private var pending: (marker: UInt8, opening: Bool, insideSameMarker: Bool, before: NeighborClass)?
    /// Emphasis open around the next item, by marker.
    private var openStars = 0
    private var openUnderscores = 0

    init(edge: ContainerEdge) {
        self.edge = edge == .whitespace ? .whitespace : .nonCJKPunctuation
        previousEnd = self.edge
    }

    mutating func fail() {
        holds = false
    }

    /// Takes in `nodes[index]`, a node the matcher keeps whole.
    mutating func add(_ nodes: Span<MarkdownNode>, at index: Int) {
        let isText = if case .text = nodes[index].kind { true } else { false }
        if isText, previousIsText { holds = false }
        settlePending(before: .of(nodes, at: index, atEnd: false))
        previousEnd = .of(nodes, at: index, atEnd: true)
        previousIsText = isText
        previousRunMarker = nil
    }

    /// Takes in the opening or closing run of emphasis cmark-gfm made.
    mutating func add(run marker: UInt8, opening: Bool) {
        if previousRunMarker == marker { holds = false }
        settlePending(before: .nonCJKPunctuation)
        let isStar = marker == UInt8(ascii: "*")
        pending = (marker, opening, (isStar ? openStars : openUnderscores) > 0, previousEnd)
        let change = opening ? 1 : -1
        if isStar { openStars += change } else { openUnderscores += change }
        previousEnd = .nonCJKPunctuation
        previousIsText = false
        previousRunMarker = marker
    }

    /// The verdict, once every item is in.
    mutating func finish() -> Bool {
        settlePending(before: edge)
        return holds
    }

    /// Checks the pending run, now that what follows it is known.
    private mutating func settlePending(before next: NeighborClass) {
        guard let run = pending else { return }
        pending = nil
        let flanking = Flanking(marker: run.marker, before: run.before, after: next)
        let pairsAsBefore = run.opening ? flanking.canOpen && !(flanking.canClose && run.insideSameMarker) : flanking.canClose
        if !pairsAsBefore { holds = false }
    }
}
