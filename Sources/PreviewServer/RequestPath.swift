import Foundation

/// A request target reduced to a path below the site root, or rejected.
///
/// Everything the server returns comes from in-memory maps keyed by these paths, so a path
/// never reaches the file system as typed. The parser still refuses anything that tries to
/// leave the site: dot segments (plain or percent-encoded), encoded slashes or backslashes,
/// backslashes, NUL and invalid percent-encoding.
public struct RequestPath: Hashable, Sendable {
    /// Decoded segments joined with `/`, without the leading slash; ends with `/` when the
    /// request did (`zh-cn/securityadvisories/2008/954474/`); empty for `/`.
    public var path: String

    /// Parses the request target (`/zh-cn/a%20b/?q=1`); nil when it must be refused.
    public init?(target: String) {
        var raw = Substring(target)
        if let end = raw.firstIndex(where: { $0 == "?" || $0 == "#" }) { raw = raw[..<end] }
        guard raw.hasPrefix("/"), raw.utf8.count <= 4096 else { return nil }
        let lowered = raw.lowercased()
        for forbidden in ["\\", "%2f", "%5c", "%00"] where lowered.contains(forbidden) { return nil }
        guard let decoded = String(raw).removingPercentEncoding else { return nil }
        guard !decoded.contains("\\"), !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }) else { return nil }
        var path = segments.joined(separator: "/")
        if !path.isEmpty, decoded.hasSuffix("/") { path += "/" }
        self.path = path
    }
}
