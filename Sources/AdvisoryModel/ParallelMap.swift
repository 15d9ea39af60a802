import Foundation

/// Runs `transform` over `items` on every core, keeping the order of the results.
public func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    parallelMap(items, alongside: {}, transform).results
}

/// Runs `transform` over `items` on every core, keeping the order of the results, and `alongside`
/// once as one more task among theirs: the first one handed out, so that a core which would
/// otherwise wait for it after the items (or for the items' last one) does it meanwhile.
///
/// The items are handed out in the order of `schedule` (indices of `items`, each once) when it is
/// given: the largest first, say, so that no core is left alone with a large item at the end.
public func parallelMap<T: Sendable, R: Sendable, S: Sendable>(_ items: [T], handingOut schedule: [Int]? = nil, alongside: @Sendable () -> S,
                                                              _ transform: @Sendable (T) -> R) -> (results: [R], alongside: S) {
    precondition(schedule.map { $0.count == items.count } ?? true, "a schedule names every item once")
    let results = ResultSlots<R>(count: items.count)
    let side = ResultSlots<S>(count: 1)
    DispatchQueue.concurrentPerform(iterations: items.count + 1) { index in
        if index == 0 {
            side.set(0, alongside())
        } else {
            let item = schedule?[index - 1] ?? index - 1
            results.set(item, transform(items[item]))
        }
    }
    return (results.values(), side.values()[0])
}

/// The indices of `weights`, the largest weight first (equal weights in index order): a
/// `parallelMap` schedule.
public func largestFirst(_ weights: [Int]) -> [Int] {
    weights.indices.sorted { (weights[$1], $0) < (weights[$0], $1) }
}

/// Runs `first`, `second` and `third` at once (each on a core of its own while one is free) and
/// returns their results.
public func inParallel<A: Sendable, B: Sendable, C: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B,
                                                              _ third: @Sendable () -> C) -> (A, B, C) {
    let (firsts, seconds, thirds) = (ResultSlots<A>(count: 1), ResultSlots<B>(count: 1), ResultSlots<C>(count: 1))
    DispatchQueue.concurrentPerform(iterations: 3) { index in
        switch index {
        case 0: firsts.set(0, first())
        case 1: seconds.set(0, second())
        default: thirds.set(0, third())
        }
    }
    return (firsts.values()[0], seconds.values()[0], thirds.values()[0])
}

/// Runs `first` and `second` at once (each on a core of its own while one is free) and returns their results.
public func inParallel<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
    let (a, b, _) = inParallel(first, second, {})
    return (a, b)
}

/// One slot per item, filled from many threads.
private final class ResultSlots<R>: @unchecked Sendable {
    private var storage: [R?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: R) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() -> [R] { storage.map { $0! } }
}
