import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare HTTP/1.1 connection to 127.0.0.1 over a blocking socket: sends bytes exactly as
/// given (no path normalisation) and reads with deadlines, so tests never hang.
final class RawConnection: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    private(set) var closed = false

    init(port: Int) throws {
        #if os(Linux)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(descriptor) }

    func send(_ text: String) {
        let data = Array(text.utf8)
        _ = data.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    /// Reads until `done(text)` holds, the peer closes, or `timeout` passes; returns `done(text)`.
    func read(timeout: Duration = .seconds(5), until done: (String) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !done(text), !closed, ContinuousClock.now < deadline {
            await receiveOnce()
        }
        return done(text)
    }

    /// Reads until the peer closes the connection or `timeout` passes; true if it closed.
    func readToEnd(timeout: Duration = .seconds(5)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !closed, ContinuousClock.now < deadline { await receiveOnce() }
        return closed
    }

    /// One `recv` of at most 100 ms, off the cooperative thread pool.
    private func receiveOnce() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                var chunk = [UInt8](repeating: 0, count: 16 * 1024)
                let count = chunk.withUnsafeMutableBytes { recv(self.descriptor, $0.baseAddress, $0.count, 0) }
                self.lock.withLock {
                    if count > 0 { self.bytes += chunk[0..<count] }
                    if count == 0 { self.closed = true }
                }
                continuation.resume()
            }
        }
    }

    /// One request with `Connection: close`; returns the whole response text.
    static func get(port: Int, _ target: String, method: String = "GET", host: String = "127.0.0.1") async throws -> String {
        let connection = try RawConnection(port: port)
        connection.send("\(method) \(target) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n")
        _ = await connection.readToEnd()
        return connection.text
    }
}
