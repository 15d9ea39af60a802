import Foundation
import Hummingbird
import PreviewServer
import ServiceLifecycle
import SiteBuild
import Testing

/// The real server on a free loopback port, with the watcher, a live event stream and edits on disk.
@Suite("Preview server, live", .serialized)
struct LiveTests {
    /// Runs the server until `body` returns, then shuts it down gracefully (bounded).
    func withServer(_ fixture: Fixture, _ body: @Sendable (Int) async throws -> Void) async throws {
        let server = PreviewServer(site: try fixture.site(), options: .init(port: 0, log: { _ in }))
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let group = server.serviceGroup(handleSignals: false, onRunning: { portContinuation.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            #expect(port > 0)
            do {
                try await body(port)
            } catch {
                await group.triggerGracefulShutdown()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    @Test("Saving a document sends reload on the event stream; the next GET shows the new text", .timeLimit(.minutes(1)))
    func saveToReload() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        try await withServer(fixture) { port in
            let events = try RawConnection(port: port)
            events.send("GET /_herald/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            #expect(await events.read { $0.contains("event: hello\ndata: ") })
            #expect(events.text.lowercased().contains("content-type: text/event-stream"))

            let before = try await RawConnection.get(port: port, "/zh-cn/securityadvisories/2008/954474/")
            #expect(before.hasPrefix("HTTP/1.1 200") && before.contains("原始正文。"))

            try fixture.write(Fixture.good, Fixture.advisory(number: "954474", body: "修改后的正文。"))
            #expect(await events.read { $0.contains("event: reload\ndata: ") })
            let after = try await RawConnection.get(port: port, "/zh-cn/securityadvisories/2008/954474/")
            #expect(after.contains("修改后的正文。") && !after.contains("原始正文。"))

            // A document in a folder that did not exist: the new folder is watched too.
            try fixture.write("SecurityAdvisories/2012/2712345.md", Fixture.advisory(number: "2712345", body: "新的通报。"))
            var created = ""
            let deadline = ContinuousClock.now + .seconds(5)
            while !created.contains("新的通报。"), ContinuousClock.now < deadline {
                _ = await events.read(timeout: .milliseconds(300)) { $0.components(separatedBy: "event: reload").count > 2 }
                created = try await RawConnection.get(port: port, "/zh-cn/securityadvisories/2012/2712345/")
            }
            #expect(created.contains("新的通报。"))

            // Deleting it makes the page go away.
            try FileManager.default.removeItem(atPath: fixture.path("SecurityAdvisories/2012/2712345.md"))
            #expect(await events.read { $0.components(separatedBy: "event: reload").count > 3 })
            let gone = try await RawConnection.get(port: port, "/zh-cn/securityadvisories/2012/2712345/")
            #expect(gone.hasPrefix("HTTP/1.1 404"))
        }
    }

    @Test("Over the wire: traversal, HEAD, 405, foreign Host and shutdown with an open event stream", .timeLimit(.minutes(1)))
    func overTheWire() async throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let events = Locked<RawConnection?>(nil)
        try await withServer(fixture) { port in
            for target in ["/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/zh-cn/..%2f..%2f", "/zh-cn/..\\..\\etc\\passwd", "/zh-cn/images/secret.png"] {
                let response = try await RawConnection.get(port: port, target)
                #expect(response.hasPrefix("HTTP/1.1 400") || response.hasPrefix("HTTP/1.1 404"), "\(target): \(response.prefix(40))")
                #expect(!response.contains("root:x"))
            }
            let head = try await RawConnection.get(port: port, "/zh-cn/securityadvisories/2008/954474/", method: "HEAD")
            #expect(head.hasPrefix("HTTP/1.1 200"))
            #expect(head.hasSuffix("\r\n\r\n"), "HEAD has no body")
            let post = try await RawConnection.get(port: port, "/zh-cn/", method: "POST")
            #expect(post.hasPrefix("HTTP/1.1 405"))
            let rebinding = try await RawConnection.get(port: port, "/zh-cn/", host: "attacker.example")
            #expect(rebinding.hasPrefix("HTTP/1.1 403"))
            let localhost = try await RawConnection.get(port: port, "/zh-cn/", host: "localhost:\(port)")
            #expect(localhost.hasPrefix("HTTP/1.1 200"))

            let stream = try RawConnection(port: port)
            stream.send("GET /_herald/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            #expect(await stream.read { $0.contains("event: hello") })
            events.withLock { $0 = stream }
        }
        // withServer returned: the graceful shutdown finished although a stream was open; the stream was ended.
        let stream = try #require(events.withLock { $0 })
        #expect(await stream.readToEnd(timeout: .seconds(2)))
    }
}

/// A value behind a lock, for handing results out of sendable closures.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
