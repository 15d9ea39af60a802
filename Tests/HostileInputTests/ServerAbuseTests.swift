import Foundation
import PreviewServer
import ServiceLifecycle
import SiteBuild
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A blocking loopback HTTP client that sends request bytes exactly as given.
final class LoopbackSocket {
    let descriptor: Int32

    init?(port: Int, timeout: Int = 10) {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if connected != 0 {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Reads one response (headers and a Content-Length body) or until close/timeout.
    func readResponse(limit: Int = 4 << 20) -> (status: Int, text: String) {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while bytes.count < limit {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            bytes += buffer[0..<count]
            let text = String(decoding: bytes, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n") {
                let head = text[..<end.lowerBound].lowercased()
                if let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
                   let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)),
                   text.utf8.count - text[..<end.upperBound].utf8.count >= length {
                    break
                }
                if head.contains("transfer-encoding: chunked"), text.hasSuffix("0\r\n\r\n") { break }
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, text)
    }

    static func get(port: Int, _ rawPath: String, headers: String = "") -> (status: Int, text: String) {
        guard let socket = LoopbackSocket(port: port) else { return (0, "") }
        socket.send(Array("GET \(rawPath) HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)Connection: close\r\n\r\n".utf8))
        return socket.readResponse()
    }
}

@Suite("Preview server under abuse (loopback only)", .serialized)
struct ServerAbuseTests {
    func withServer(_ body: @Sendable (Int) async throws -> Void) async throws {
        let site = try ScratchSite("serve")
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write("SecurityAdvisories/2008/900002.md", Array(cleanAdvisory(id: "900002").utf8))
        let configuration = site.configuration
        let preview = try PreviewSite(configurationFile: nil, loadConfiguration: { configuration })
        let server = PreviewServer(site: preview, options: .init(host: "127.0.0.1", port: 0, watch: false, log: { _ in }))
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let group = server.serviceGroup(handleSignals: false, onRunning: { continuation.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
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

    static let page = "/zh-cn/securityadvisories/2008/900001/"

    /// Runs blocking socket work off the cooperative pool.
    func blocking<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    @Test("200 concurrent connections, traversal attempts, a 64 KiB header and slow clients; it keeps answering", .timeLimit(.minutes(2)))
    func abuse() async throws {
        try await withServer { port in
            let page = Self.page
            // 200 connections open at once, each sends a request, then all are read.
            let statuses = await blocking { () -> [Int] in
                let sockets = (0..<200).compactMap { _ in LoopbackSocket(port: port) }
                for socket in sockets {
                    socket.send(Array("GET \(page) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
                }
                return sockets.map { $0.readResponse().status }
            }
            #expect(statuses.count == 200)
            #expect(statuses.filter { $0 == 200 }.count == 200, "\(Dictionary(grouping: statuses, by: { $0 }).mapValues(\.count))")

            // Traversal: never a 200 with a file from outside the site.
            let traversals = ["/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd",
                              "/%2f..%2f..%2f..%2fetc/passwd", "/..\\..\\..\\..\\etc\\passwd", "/zh-cn/..%5c..%5c..%5cetc%5cpasswd",
                              "//etc/passwd", "/%252e%252e/%252e%252e/etc/passwd", "/.%2e/.%2e/.%2e/etc/passwd", "/zh-cn/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                              "/zh-cn/..;/..;/etc/passwd", "/etc/passwd%00.html", "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "/assets/../../../../etc/passwd",
                              "/file:///etc/passwd", "http://127.0.0.1/../../etc/passwd"]
            for path in traversals {
                let response = await blocking { LoopbackSocket.get(port: port, path) }
                #expect(!response.text.contains("root:x:0:0"), "\(path) served /etc/passwd")
                #expect(response.status != 200 || !response.text.contains("root:"), "\(path): \(response.status)")
                #expect(response.status != 500, "\(path): 500")
            }

            // A 64 KiB header line: refused or ignored, and the server lives on.
            let big = await blocking { LoopbackSocket.get(port: port, page, headers: "X-Big: " + String(repeating: "a", count: 64 << 10) + "\r\n") }
            #expect(big.status != 200 || big.text.contains("</html>"))
            let hugeURL = await blocking { LoopbackSocket.get(port: port, "/" + String(repeating: "a/", count: 40_000)) }
            #expect(hugeURL.status != 500)

            // Slow clients: 50 connections that send one header byte per 100 ms while normal GETs go on.
            let slowDone = Locked(false)
            async let slowClients: Void = blocking {
                let sockets = (0..<50).compactMap { _ in LoopbackSocket(port: port, timeout: 1) }
                let request = Array("GET \(page) HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "s"), count: 30)
                for byte in request {
                    for socket in sockets { socket.send([byte]) }
                    usleep(100_000)
                    if slowDone.value { break }
                }
            }
            for _ in 0..<10 {
                let response = await blocking { LoopbackSocket.get(port: port, page) }
                #expect(response.status == 200, "normal GET during slow clients: \(response.status)")
                try await Task.sleep(for: .milliseconds(200))
            }
            slowDone.value = true
            await slowClients

            let after = await blocking { LoopbackSocket.get(port: port, page) }
            #expect(after.status == 200)
            #expect(after.text.contains("Microsoft 安全通报 900001"))
        }
    }
}

/// A value shared between a blocking thread and the test.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
