import AdvisoryModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The stamp (inode, size, modification time) of every file a published build left in its
/// output folder. A file deleted or changed by hand since is not kept by the next build but
/// written again, and a build with no changed input is not a no-op while one is.
struct OutputStamps: Sendable, Equatable {
    struct Stamp: Sendable, Equatable {
        var inode: Int
        var size: Int
        var seconds: Int
        var nanoseconds: Int
    }

    var stamps: [String: Stamp]

    private static let magic = "herald-outputs-2"

    /// The stamp of the regular file at `path` below the open folder `folder`, or nil when there is none.
    static func stamp(of path: String, in folder: Int32) -> Stamp? {
        var status = stat()
        guard fstatat(folder, path, &status, AT_SYMLINK_NOFOLLOW) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Stamp(inode: Int(truncatingIfNeeded: status.st_ino), size: Int(status.st_size), seconds: status.st_mtim.tv_sec, nanoseconds: status.st_mtim.tv_nsec)
    }

    /// Calls `body` with `folder` open, or with -1 when it cannot be opened (every stamp is then nil).
    private static func withFolder<T>(_ folder: String, _ body: (Int32) -> T) -> T {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if descriptor >= 0 { close(descriptor) } }
        return body(descriptor)
    }

    /// The stamps of `paths` (relative to `folder`) as the files are now. Paths not in `written`
    /// whose stamp `previous` holds and that were not `changed` are not looked at again: the
    /// build kept them as they were. `pathsArePrevious`: `paths` are the files `previous` was made
    /// for (this build wrote and kept exactly the last build's files).
    static func current(of paths: [String], in folder: String, written: Set<String>, previous: OutputStamps?, changed: Set<String>,
                        pathsArePrevious: Bool = false) -> OutputStamps {
        withFolder(folder) { descriptor in
            if pathsArePrevious, var stamps = previous?.stamps, stamps.count == paths.count {
                for path in written.union(changed) { stamps[path] = stamp(of: path, in: descriptor) }
                return OutputStamps(stamps: stamps)
            }
            var stamps: [String: Stamp] = [:]
            stamps.reserveCapacity(paths.count)
            for path in paths {
                if !written.contains(path), !changed.contains(path), let known = previous?.stamps[path] {
                    stamps[path] = known
                } else if let stamp = stamp(of: path, in: descriptor) {
                    stamps[path] = stamp
                }
            }
            return OutputStamps(stamps: stamps)
        }
    }

    /// The recorded paths whose file in `folder` is missing or differs from its stamp, looked
    /// at on every core (a stat each: most of a no-op build).
    func changed(in folder: String) -> Set<String> {
        let recorded = Array(stamps)
        let chunks = stride(from: 0, to: recorded.count, by: 512).map { $0..<min($0 + 512, recorded.count) }
        return Self.withFolder(folder) { descriptor in
            let changed = parallelMap(chunks) { chunk in
                recorded[chunk].filter { Self.stamp(of: $0.key, in: descriptor) != $0.value }.map(\.key)
            }
            return Set(changed.joined())
        }
    }

    static func path(cacheFolder: String, output: String) -> String {
        BuildManifest.path(cacheFolder: cacheFolder, output: output, kind: "outputs", extension: "bin")
    }

    static func load(cacheFolder: String, output: String) -> OutputStamps? {
        guard var reader = BinaryReader(file: path(cacheFolder: cacheFolder, output: output), magic: magic) else { return nil }
        do {
            let count = try reader.count()
            var stamps: [String: Stamp] = [:]
            stamps.reserveCapacity(count)
            for _ in 0..<count {
                stamps[try reader.string()] = Stamp(inode: try reader.int(), size: try reader.int(), seconds: try reader.int(), nanoseconds: try reader.int())
            }
            return reader.isAtEnd ? OutputStamps(stamps: stamps) : nil
        } catch {
            return nil
        }
    }

    func encoded() -> [UInt8] {
        var writer = BinaryWriter()
        writer.string(Self.magic)
        writer.int(stamps.count)
        for (path, stamp) in stamps {
            writer.string(path)
            writer.int(stamp.inode)
            writer.int(stamp.size)
            writer.int(stamp.seconds)
            writer.int(stamp.nanoseconds)
        }
        return writer.bytes
    }
}
