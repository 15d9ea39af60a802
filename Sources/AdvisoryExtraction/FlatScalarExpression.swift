/// A `ScalarExpression` laid out flat for matching: nodes of plain values in one array, each
/// naming its parts by index, so that a match retains and releases nothing as it walks them.
struct FlatScalarExpression: Sendable {
    private enum Kind: UInt8, Sendable {
        case run, sequence, choice, optional, group, end
    }

    private struct Node: Sendable {
        var kind: Kind
        var set = FlatScalarSet(.digit)
        var min = 0
        var max = 0
        var lazy = false
        var group = 0
        /// The node's parts: indices into `parts` (one for `optional` and `group`).
        var parts = 0..<0
    }

    /// The root is node 0.
    private var nodes: [Node] = []
    private var parts: [Int] = []
    /// The highest group index.
    let groupCount: Int
    /// The class every match starts with, when there is one.
    private let firstSet: FlatScalarSet?

    init(_ expression: ScalarExpression) {
        groupCount = expression.groupCount
        firstSet = expression.firstSet.map(FlatScalarSet.init)
        _ = add(expression)
    }

    /// Adds `expression`'s node, then its parts'; returns its index.
    private mutating func add(_ expression: ScalarExpression) -> Int {
        let index = nodes.count
        nodes.append(Node(kind: .end))
        func addParts(_ inner: [ScalarExpression]) -> Range<Int> {
            let indices = inner.map { add($0) }
            parts += indices
            return (parts.count - indices.count)..<parts.count
        }
        switch expression {
        case .run(let set, let min, let max, let lazy):
            nodes[index] = Node(kind: .run, set: FlatScalarSet(set), min: min, max: max, lazy: lazy)
        case .sequence(let inner):
            nodes[index] = Node(kind: .sequence, parts: addParts(inner))
        case .choice(let inner):
            nodes[index] = Node(kind: .choice, parts: addParts(inner))
        case .optional(let inner):
            nodes[index] = Node(kind: .optional, parts: addParts([inner]))
        case .group(let number, let inner):
            nodes[index] = Node(kind: .group, group: number, parts: addParts([inner]))
        case .end:
            break
        }
        return index
    }

    /// The groups of the first match in `text`: element 0 the whole match, element `n` group `n`
    /// (nil when it took no part); nil when there is no match.
    func firstMatch(in text: PlainScalars) -> [Range<Int>?]? {
        var groups = [Range<Int>?](repeating: nil, count: groupCount + 1)
        let found = nodes.withUnsafeBufferPointer { nodes in
            parts.withUnsafeBufferPointer { parts in
                text.values.withUnsafeBufferPointer { scalars in
                    groups.withUnsafeMutableBufferPointer { groups in
                        let matcher = Matcher(nodes: nodes, parts: parts, scalars: scalars, groups: groups)
                        for start in scalars.indices where firstSet?.contains(scalars[start]) ?? true {
                            let matched = matcher.match(0, at: start) { end in
                                groups[0] = start..<end
                                return true
                            }
                            if matched { return true }
                        }
                        return false
                    }
                }
            }
        }
        return found ? groups : nil
    }

    private struct Matcher {
        let nodes: UnsafeBufferPointer<Node>
        let parts: UnsafeBufferPointer<Int>
        let scalars: UnsafeBufferPointer<UInt32>
        /// The groups set so far: a group is set before `next` is asked and put back when the answer is no.
        let groups: UnsafeMutableBufferPointer<Range<Int>?>

        /// Matches node `number` at `index`, then asks `next` whether the rest matches from where
        /// this match ends, in backtracking order; true at the first yes.
        func match(_ number: Int, at index: Int, _ next: (Int) -> Bool) -> Bool {
            let node = nodes[number]
            switch node.kind {
            case .run:
                var available = 0
                while available < node.max, index + available < scalars.count, node.set.contains(scalars[index + available]) { available += 1 }
                guard available >= node.min else { return false }
                if node.lazy {
                    for count in node.min...available where next(index + count) { return true }
                } else {
                    for count in (node.min...available).reversed() where next(index + count) { return true }
                }
                return false
            case .sequence:
                return sequence(node.parts.lowerBound, to: node.parts.upperBound, at: index, next)
            case .choice:
                for part in node.parts where match(parts[part], at: index, next) { return true }
                return false
            case .optional:
                return match(parts[node.parts.lowerBound], at: index, next) || next(index)
            case .group:
                let before = groups[node.group]
                return match(parts[node.parts.lowerBound], at: index) { end in
                    groups[node.group] = index..<end
                    if next(end) { return true }
                    groups[node.group] = before
                    return false
                }
            case .end:
                let rest = scalars.count - index
                let atEnd = rest == 0 || (rest == 1 && (scalars[index] == 0x0A || scalars[index] == 0x0C || scalars[index] == 0x0D))
                    || (rest == 2 && scalars[index] == 0x0D && scalars[index + 1] == 0x0A)
                return atEnd && next(index)
            }
        }

        /// Matches the parts `part..<end` of a sequence one after another.
        private func sequence(_ part: Int, to end: Int, at index: Int, _ next: (Int) -> Bool) -> Bool {
            guard part < end else { return next(index) }
            return match(parts[part], at: index) { after in sequence(part + 1, to: end, at: after, next) }
        }
    }
}

/// A `ScalarSet` as plain values: a class, or up to four listed scalars.
struct FlatScalarSet: Sendable {
    private enum Kind: UInt8, Sendable {
        case digit, nonDigit, space, anyOf, noneOf
    }

    private let kind: Kind
    private var listed: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
    private var count = 0

    init(_ set: ScalarSet) {
        switch set {
        case .digit: kind = .digit
        case .nonDigit: kind = .nonDigit
        case .space: kind = .space
        case .anyOf(let scalars), .noneOf(let scalars):
            if case .anyOf = set { kind = .anyOf } else { kind = .noneOf }
            precondition(scalars.count <= 4, "a FlatScalarSet lists up to four scalars")
            count = scalars.count
            let values = scalars.map(\.value) + [0, 0, 0, 0]
            listed = (values[0], values[1], values[2], values[3])
        }
    }

    func contains(_ value: UInt32) -> Bool {
        switch kind {
        case .digit: value >= 0x30 && value <= 0x39
        case .nonDigit: !(value >= 0x30 && value <= 0x39)
        case .space: value == 0x09 || value == 0x0A || value == 0x0C || value == 0x0D || value == 0x20 || value == 0x3000
        case .anyOf: isListed(value)
        case .noneOf: !isListed(value)
        }
    }

    private func isListed(_ value: UInt32) -> Bool {
        (count > 0 && listed.0 == value) || (count > 1 && listed.1 == value) || (count > 2 && listed.2 == value) || (count > 3 && listed.3 == value)
    }
}
