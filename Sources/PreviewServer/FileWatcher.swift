import Foundation
import SiteBuild
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (recursively) and single files on a thread of its own and hands bursts of
/// changes to `onChange`, on that thread, once no event arrived for `debounce`.
///
/// On Linux it uses inotify (a watch on every folder, new folders are added as they appear);
/// elsewhere, or when inotify is unavailable, it compares file times every 300 ms.
final class FileWatcher: Sendable {
    typealias Targets = (folders: [String], files: [String])

    private let targets: @Sendable () -> Targets
    private let onChange: @Sendable (ChangeBatch) -> Void
    private let debounce: Duration
    private let running = Locked<(stop: Bool, exited: DispatchSemaphore?)>((false, nil))
    /// "inotify" or "polling", once started.
    let mechanism = Locked("")

    init(debounce: Duration = .milliseconds(20), targets: @escaping @Sendable () -> Targets, onChange: @escaping @Sendable (ChangeBatch) -> Void) {
        self.debounce = debounce
        self.targets = targets
        self.onChange = onChange
    }

    /// Sets up the watches and starts the thread; returns once the watches are in place.
    func start() {
        let ready = DispatchSemaphore(value: 0)
        let exited = DispatchSemaphore(value: 0)
        running.withLock { $0 = (false, exited) }
        let thread = Thread { [self] in
            self.loop(ready: ready)
            exited.signal()
        }
        thread.name = "herald-watcher"
        thread.start()
        ready.wait()
    }

    /// Stops the thread (within about 100 ms).
    func stop() {
        let exited = running.withLock { state -> DispatchSemaphore? in
            state.stop = true
            defer { state.exited = nil }
            return state.exited
        }
        _ = exited?.wait(timeout: .now() + 2)
    }

    private var shouldStop: Bool { running.withLock { $0.stop } }

    /// Editor droppings that never change the site.
    static func isNoise(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }

    private func loop(ready: DispatchSemaphore) {
        #if os(Linux)
        if var inotify = Inotify(targets: targets()) {
            mechanism.withLock { $0 = "inotify" }
            ready.signal()
            run(source: &inotify)
            return
        }
        #endif
        var polling = Polling(targets: targets())
        mechanism.withLock { $0 = "polling" }
        ready.signal()
        run(source: &polling)
    }

    /// Waits for events, gathers a burst, delivers it, and follows changes of the targets.
    private func run<Source: ChangeSource>(source: inout Source) {
        let quiet = Self.milliseconds(debounce)
        let longest = ContinuousClock.Duration.milliseconds(250)
        var pending = ChangeBatch(paths: [])
        var first: ContinuousClock.Instant?
        var last = ContinuousClock.now
        while !shouldStop {
            let waitFor: Int32 = first == nil ? 100 : max(0, quiet - Self.milliseconds(ContinuousClock.now - last))
            if source.wait(milliseconds: waitFor) {
                let batch = source.read()
                if !batch.paths.isEmpty || batch.overflow {
                    pending.paths.formUnion(batch.paths)
                    pending.overflow = pending.overflow || batch.overflow
                    last = .now
                    if first == nil { first = last }
                }
            }
            guard let started = first else { continue }
            let now = ContinuousClock.now
            if now - last >= debounce || now - started >= longest {
                onChange(pending)
                pending = ChangeBatch(paths: [])
                first = nil
                source.follow(targets())
            }
        }
        source.close()
    }
}

/// Where the watcher gets its events from.
protocol ChangeSource {
    /// Blocks up to `milliseconds`; true when events may be read.
    mutating func wait(milliseconds: Int32) -> Bool
    mutating func read() -> ChangeBatch
    /// Adds watches for targets that appeared (after `site.yml` changed the content folders).
    mutating func follow(_ targets: FileWatcher.Targets)
    mutating func close()
}

#if os(Linux)
/// inotify: one watch per folder.
struct Inotify: ChangeSource {
    private static let modify: UInt32 = 0x2, attrib: UInt32 = 0x4, closeWrite: UInt32 = 0x8
    private static let movedFrom: UInt32 = 0x40, movedTo: UInt32 = 0x80, create: UInt32 = 0x100, delete: UInt32 = 0x200
    private static let deleteSelf: UInt32 = 0x400, moveSelf: UInt32 = 0x800
    private static let overflow: UInt32 = 0x4000, ignored: UInt32 = 0x8000, isDirectory: UInt32 = 0x4000_0000
    private static let onlyDirectory: UInt32 = 0x0100_0000, dontFollow: UInt32 = 0x0200_0000
    private static let mask = modify | attrib | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf | onlyDirectory | dontFollow

    private struct Watch {
        var path: String
        var recursive: Bool
        /// Names reported from a folder watched only for some of its files.
        var names: Set<String>
    }

    private let descriptor: Int32
    private var watches: [Int32: Watch] = [:]
    private var folders: Set<String> = []
    private var files: Set<String> = []
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    init?(targets: FileWatcher.Targets) {
        descriptor = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        follow(targets)
        guard !watches.isEmpty || (targets.folders.isEmpty && targets.files.isEmpty) else {
            Glibc.close(descriptor)
            return nil
        }
    }

    mutating func follow(_ targets: FileWatcher.Targets) {
        for folder in targets.folders where !folders.contains(folder) {
            folders.insert(folder)
            addTree(folder)
        }
        for file in targets.files where !files.contains(file) {
            files.insert(file)
            let url = URL(fileURLWithPath: file)
            add(url.deletingLastPathComponent().path, recursive: false, name: url.lastPathComponent)
        }
    }

    private mutating func add(_ folder: String, recursive: Bool, name: String?) {
        let wd = inotify_add_watch(descriptor, folder, Self.mask)
        guard wd >= 0 else { return }
        var watch = watches[wd] ?? Watch(path: folder, recursive: recursive, names: [])
        watch.recursive = watch.recursive || recursive
        if let name { watch.names.insert(name) }
        watches[wd] = watch
    }

    private mutating func addTree(_ folder: String) {
        add(folder, recursive: true, name: nil)
        guard let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: folder), includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey],
                                                              options: [.skipsHiddenFiles], errorHandler: { _, _ in true }) else { return }
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            if values?.isDirectory == true, values?.isSymbolicLink != true {
                add(folder + "/" + url.path.dropFirst(URL(fileURLWithPath: folder).path.count).drop { $0 == "/" }, recursive: true, name: nil)
            }
        }
    }

    mutating func wait(milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, milliseconds) > 0
    }

    mutating func read() -> ChangeBatch {
        var batch = ChangeBatch(paths: [])
        var newFolders: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            buffer.withUnsafeBytes { bytes in
                while offset + 16 <= count {
                    let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = bytes[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    offset += 16 + length
                    if mask & Self.overflow != 0 {
                        batch.overflow = true
                        continue
                    }
                    guard let watch = watches[wd] else { continue }
                    if mask & Self.ignored != 0 {
                        watches[wd] = nil
                        continue
                    }
                    if name.isEmpty {
                        if watch.recursive, mask & (Self.deleteSelf | Self.moveSelf) != 0 { batch.paths.insert(watch.path) }
                        continue
                    }
                    if !watch.recursive, !watch.names.contains(name) { continue }
                    if FileWatcher.isNoise(Substring(name)) { continue }
                    let path = watch.path + "/" + name
                    batch.paths.insert(path)
                    if watch.recursive, mask & Self.isDirectory != 0, mask & (Self.create | Self.movedTo) != 0 { newFolders.append(path) }
                }
            }
        }
        for folder in newFolders { addTree(folder) }
        return batch
    }

    mutating func close() {
        Glibc.close(descriptor)
    }
}
#endif

/// Polling: file sizes and modification times, every 300 ms.
struct Polling: ChangeSource {
    private struct Stamp: Equatable {
        var size: Int
        var modified: Date
    }

    private var targets: FileWatcher.Targets
    private var stamps: [String: Stamp]
    private var lastScan = ContinuousClock.now
    private var changed: Set<String> = []

    init(targets: FileWatcher.Targets) {
        self.targets = targets
        stamps = Self.scan(targets)
    }

    private static func scan(_ targets: FileWatcher.Targets) -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        func record(_ path: String) {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType != .typeDirectory else { return }
            stamps[path] = Stamp(size: (attributes[.size] as? NSNumber)?.intValue ?? 0, modified: attributes[.modificationDate] as? Date ?? .distantPast)
        }
        for folder in targets.folders {
            let enumerator = FileManager.default.enumerator(atPath: folder)
            while let relative = enumerator?.nextObject() as? String {
                if relative.split(separator: "/").contains(where: { FileWatcher.isNoise($0) }) { continue }
                record(folder + "/" + relative)
            }
        }
        for file in targets.files { record(file) }
        return stamps
    }

    mutating func wait(milliseconds: Int32) -> Bool {
        let next = lastScan + .milliseconds(300)
        let deadline = min(next, ContinuousClock.now + .milliseconds(Int64(milliseconds)))
        let remaining = (deadline - .now).components
        if remaining.seconds > 0 || remaining.attoseconds > 0 {
            Thread.sleep(forTimeInterval: Double(remaining.seconds) + Double(remaining.attoseconds) / 1e18)
        }
        guard ContinuousClock.now >= next else { return false }
        lastScan = .now
        let fresh = Self.scan(targets)
        for (path, stamp) in fresh where stamps[path] != stamp { changed.insert(path) }
        for path in stamps.keys where fresh[path] == nil { changed.insert(path) }
        stamps = fresh
        return !changed.isEmpty
    }

    mutating func read() -> ChangeBatch {
        defer { changed = [] }
        return ChangeBatch(paths: changed)
    }

    mutating func follow(_ targets: FileWatcher.Targets) {
        self.targets = targets
    }

    mutating func close() {}
}
