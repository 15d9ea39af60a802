import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A value guarded by a lock, shared between threads (parallel build work, the preview's watcher
/// and request handlers).
public final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    public init(_ value: Value) { self.value = value }

    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// A monotonic clock for the build summary (measures durations only; never dates output).
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var seconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}

/// A value worked out on another core from the moment it is made; `value` waits for it.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let group = DispatchGroup()
    private var result: Value?

    init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async(group: group) { self.result = work() }
    }

    var value: Value {
        group.wait()
        return result!
    }
}

/// The entries of the folder at `path` but `.` and `..`, each with its `d_type` (`DT_DIR`,
/// `DT_REG`, `DT_UNKNOWN` …), read with `readdir`; nil when the folder cannot be opened.
func folderEntries(_ path: String) -> [(name: String, type: Int32)]? {
    guard let handle = opendir(path) else { return nil }
    defer { closedir(handle) }
    var entries: [(name: String, type: Int32)] = []
    while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name != ".", name != ".." { entries.append((name, Int32(entry.pointee.d_type))) }
    }
    return entries
}

/// What follows the last `/` of `path` (all of it without one): `2008/954474.md` → `954474.md`.
func lastSegment(of path: String) -> Substring {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
    return path[path.utf8.index(after: slash)...]
}
