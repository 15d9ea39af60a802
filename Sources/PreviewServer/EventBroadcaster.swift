import Foundation
import SiteBuild

/// Fans server-sent events out to every open `/_herald/events` stream.
final class EventBroadcaster: Sendable {
    private struct State {
        var subscribers: [Int: AsyncStream<String>.Continuation] = [:]
        var next = 0
        var closed = false
    }

    private let state = Locked(State())
    /// Differs between server runs, so pages reload after a restart.
    let instance = String(UInt64.random(in: 0...UInt64.max), radix: 36)

    /// One SSE message: `event: name` and `data: …` lines and a blank line.
    static func message(event: String, data: String) -> String {
        "event: \(event)\n" + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined() + "\n"
    }

    /// A new stream of encoded messages; finished at once after `finishAll`.
    func subscribe() -> (id: Int, stream: AsyncStream<String>, continuation: AsyncStream<String>.Continuation) {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(32))
        let id = state.withLock { state -> Int in
            state.next += 1
            if !state.closed { state.subscribers[state.next] = continuation }
            return state.closed ? -1 : state.next
        }
        if id < 0 { continuation.finish() }
        return (id, stream, continuation)
    }

    func unsubscribe(_ id: Int) {
        let continuation = state.withLock { $0.subscribers.removeValue(forKey: id) }
        continuation?.finish()
    }

    /// Sends `event` to every subscriber.
    func broadcast(event: String, data: String) {
        let message = Self.message(event: event, data: data)
        for continuation in state.withLock({ Array($0.subscribers.values) }) { continuation.yield(message) }
    }

    /// Ends every stream and refuses new ones (shutdown).
    func finishAll() {
        let continuations = state.withLock { state -> [AsyncStream<String>.Continuation] in
            state.closed = true
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }

    var subscriberCount: Int { state.withLock { $0.subscribers.count } }
}
