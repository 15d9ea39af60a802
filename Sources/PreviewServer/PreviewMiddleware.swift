import HTTPTypes
import Hummingbird

/// The checks every request to the preview passes before `PreviewResponder` serves it, as
/// Hummingbird middleware: the method, the `Host` header, and the headers every answer carries.
enum PreviewMiddleware {
    /// The stack in the order requests go through it.
    @MiddlewareFixedTypeBuilder<Request, Response, BasicRequestContext>
    static func stack(allowedHosts: Set<String>?) -> some MiddlewareProtocol<Request, Response, BasicRequestContext> {
        ContentTypeOptions()
        ReadOnlyMethods()
        AllowedHosts(names: allowedHosts)
    }

    /// Adds `X-Content-Type-Options: nosniff` to every answer.
    struct ContentTypeOptions: RouterMiddleware {
        typealias Context = BasicRequestContext
        private static let name = HTTPField.Name("X-Content-Type-Options")

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            var response = try await next(request, context)
            if let name = Self.name { response.headers[name] = "nosniff" }
            return response
        }
    }

    /// GET and HEAD only: anything else is answered 405 with `Allow: GET, HEAD`.
    struct ReadOnlyMethods: RouterMiddleware {
        typealias Context = BasicRequestContext

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            guard request.method == .get || request.method == .head else {
                return PlainAnswer.response(.methodNotAllowed, "only GET and HEAD are served\n", request: request, extra: [.allow: "GET, HEAD"])
            }
            return try await next(request, context)
        }
    }

    /// When bound to loopback, only `Host: localhost`, `127.0.0.1`, `[::1]` or the bound name
    /// (403 otherwise), so a page on another site cannot read the preview through DNS rebinding.
    struct AllowedHosts: RouterMiddleware {
        typealias Context = BasicRequestContext
        /// Host names accepted (nil: any).
        let names: Set<String>?

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            if let names, let authority = request.head.authority, !names.contains(Self.hostName(authority)) {
                return PlainAnswer.response(.forbidden, "this preview answers only to localhost\n", request: request)
            }
            return try await next(request, context)
        }

        /// `localhost:8080` → `localhost`, `[::1]:8080` → `[::1]`.
        static func hostName(_ authority: String) -> String {
            if authority.hasPrefix("[") {
                return authority.prefix { $0 != "]" }.lowercased() + "]"
            }
            return authority.prefix { $0 != ":" }.lowercased()
        }
    }
}

/// A short plain-text answer (errors, refusals, redirects); no body for HEAD.
enum PlainAnswer {
    static func response(_ status: HTTPResponse.Status, _ text: String, request: Request, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .contentLength: String(text.utf8.count)]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: request.method == .head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
