import AdvisoryModel
@testable import SiteBuild
import Testing

@Suite("parallelMap: every item once, results in the items' order, the side task once; inParallel: each task once, results in place")
struct ParallelMapTests {
    @Test("results keep the order of the items", arguments: [
        ("no item", 0), ("one item", 1), ("two items", 2), ("more items than cores", 1_000),
    ])
    func resultsInOrder(_ named: String, _ count: Int) {
        let items = Array(0..<count)
        #expect(parallelMap(items) { $0 * 3 + 1 } == items.map { $0 * 3 + 1 }, "\(named)")
    }

    @Test("the side task runs once and its result comes back with the items'", arguments: [0, 1, 500])
    func sideTaskOnce(_ count: Int) {
        let runs = Locked(0)
        let (results, side) = parallelMap(Array(0..<count), alongside: { () -> String in
            runs.withLock { $0 += 1 }
            return "site files"
        }) { String($0) }
        #expect(results == (0..<count).map(String.init))
        #expect(side == "site files")
        #expect(runs.withLock { $0 } == 1)
    }

    @Test("largestFirst lists heavier items first; with it as schedule each item is handed out once and the results keep the items' order", arguments: [0, 1, 7, 600])
    func scheduleKeepsResultOrder(_ count: Int) {
        let items = Array(0..<count)
        let weights = items.map { ($0 * 37) % 11 }
        let schedule = largestFirst(weights)
        #expect(schedule.sorted() == items)
        #expect(zip(schedule, schedule.dropFirst()).allSatisfy { weights[$0] > weights[$1] || weights[$0] == weights[$1] && $0 < $1 })
        let handedOut = Locked([Int]())
        let (results, _) = parallelMap(items, handingOut: schedule, alongside: {}) { item -> Int in
            handedOut.withLock { $0.append(item) }
            return item * 2
        }
        #expect(results == items.map { $0 * 2 })
        #expect(handedOut.withLock { $0 }.sorted() == items)
    }

    @Test("inParallel of two tasks runs each once and returns each result in its place")
    func twoTasksOnce() {
        let runs = Locked([String]())
        let (number, text) = inParallel({ () -> Int in
            runs.withLock { $0.append("first") }
            return 7
        }, { () -> String in
            runs.withLock { $0.append("second") }
            return "rules"
        })
        #expect(number == 7)
        #expect(text == "rules")
        #expect(runs.withLock { $0 }.sorted() == ["first", "second"])
    }

    @Test("inParallel runs each of its three tasks once and returns each result in its place")
    func threeTasksOnce() {
        let runs = Locked([String]())
        let (number, text, list) = inParallel({ () -> Int in
            runs.withLock { $0.append("first") }
            return 42
        }, { () -> String in
            runs.withLock { $0.append("second") }
            return "manifest"
        }, { () -> [Int] in
            runs.withLock { $0.append("third") }
            return [1, 2, 3]
        })
        #expect(number == 42)
        #expect(text == "manifest")
        #expect(list == [1, 2, 3])
        #expect(runs.withLock { $0 }.sorted() == ["first", "second", "third"])
    }
}
