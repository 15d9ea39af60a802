import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// Answers every request of the preview: only paths of the site (pages rendered from the
/// current snapshot, site outputs, assets, content resources) and the two `/_herald/`
/// endpoints, the reload script and the event stream. Requests pass `PreviewMiddleware`
/// (GET and HEAD only, the `Host` check, `nosniff`) first.
public struct PreviewResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    let site: PreviewSite
    let events: EventBroadcaster
    /// Host names accepted in `Host` (nil: any). Set when bound to loopback.
    let allowedHosts: Set<String>?
    let keepAlive: Duration

    static let maximumFileBytes = 64 << 20
    private static let accelBuffering = HTTPField.Name("X-Accel-Buffering")

    public func respond(to request: Request, context: Context) async throws -> Response {
        try await PreviewMiddleware.stack(allowedHosts: allowedHosts).handle(request, context: context) { request, _ in
            serve(request)
        }
    }

    /// The answer to a request the middleware let through.
    private func serve(_ request: Request) -> Response {
        guard let target = RequestPath(target: request.head.path ?? "/") else {
            return plain(.badRequest, "this path is not served\n", request: request)
        }
        let path = target.path
        switch path {
        case "_herald/events":
            return eventStream(request: request)
        case "_herald/reload.js":
            return content(site.reloadScript(), type: MediaType.of(path), status: .ok, request: request)
        default:
            if path.hasPrefix("_herald/") { return plain(.notFound, "not found\n", request: request) }
        }
        let base = String(site.snapshot.layout.basePath.dropFirst())
        var sitePath = path
        if !base.isEmpty {
            if path.isEmpty || path + "/" == base { return redirect(to: "/" + base, request: request) }
            guard path.hasPrefix(base) else { return plain(.notFound, "not found\n", request: request) }
            sitePath = String(path.dropFirst(base.count))
        }
        switch site.answer(for: sitePath) {
        case .content(let data, let type, let status):
            return content(data, type: type, status: HTTPResponse.Status(code: status), request: request)
        case .file(let file, let type):
            guard site.isInsideContent(file), let data = Self.read(file) else {
                return plain(.notFound, "not found\n", request: request)
            }
            var extra: HTTPFields = [:]
            if type.hasPrefix("image/svg") { extra[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }
            return content(data, type: type, status: .ok, request: request, extra: extra)
        case .redirect(let to):
            return redirect(to: "/" + base + to, request: request)
        case .notFound(let page):
            return content(page, type: MediaType.html, status: .notFound, request: request)
        }
    }

    private static func read(_ file: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: maximumFileBytes + 1), data.count <= maximumFileBytes else { return nil }
        return data
    }

    private func content(_ data: Data, type: String, status: HTTPResponse.Status, request: Request, extra: HTTPFields = [:]) -> Response {
        let tag = EntityTag.of(data)
        var headers: HTTPFields = [.contentType: type, .eTag: tag, .cacheControl: "no-cache"]
        headers.append(contentsOf: extra)
        if status == .ok, let condition = request.headers[.ifNoneMatch], EntityTag.matches(condition, tag) {
            headers[.contentType] = nil
            return Response(status: .notModified, headers: headers, body: ResponseBody())
        }
        headers[.contentLength] = String(data.count)
        if request.method == .head { return Response(status: status, headers: headers, body: ResponseBody()) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String, request: Request, extra: HTTPFields = [:]) -> Response {
        PlainAnswer.response(status, text, request: request, extra: extra)
    }

    private func redirect(to location: String, request: Request) -> Response {
        plain(.movedPermanently, "moved to \(location)\n", request: request, extra: [.location: location])
    }

    /// `text/event-stream`: `hello` with the server's state on connection, then `reload`
    /// after each change, and a comment line every `keepAlive` so dead clients are noticed.
    private func eventStream(request: Request) -> Response {
        var headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        if let accelBuffering = Self.accelBuffering { headers[accelBuffering] = "no" }
        if request.method == .head { return Response(status: .ok, headers: headers, body: ResponseBody()) }
        let events = events, site = site, keepAlive = keepAlive
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            let subscription = events.subscribe()
            defer { events.unsubscribe(subscription.id) }
            let continuation = subscription.continuation
            let pinger = Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: keepAlive) } catch { return }
                    continuation.yield(": ping\n\n")
                }
            }
            defer { pinger.cancel() }
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n" + EventBroadcaster.message(event: "hello", data: "\(events.instance)-\(site.version)")))
            try await withGracefulShutdownHandler {
                for await message in subscription.stream {
                    try await writer.write(ByteBuffer(string: message))
                }
            } onGracefulShutdown: {
                continuation.finish()
            }
            try await writer.finish(nil)
        })
    }
}
