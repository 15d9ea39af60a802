import AdvisoryModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("renameat2")
private func c_renameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32, _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32

/// Writes a site into a staging folder and swaps it in at the end.
///
/// A file whose bytes equal the previous site's is hard-linked from it instead of written, so
/// unchanged outputs keep their inode and time stamp. Until `commit()`, the previous site is
/// untouched; a build that fails or is killed leaves it byte-identical.
public final class OutputWriter: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    private let previous: URL
    private let lock = NSLock()
    private var createdFolders = Set<String>()
    private(set) var written = 0
    private(set) var linked = 0

    public init(destination: String) throws(Diagnostic) {
        self.destination = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
        previous = parent.appendingPathComponent(".\(name).previous")
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: self.destination.path, isDirectory: &isFolder), !isFolder.boolValue {
            throw Diagnostic(.io003, "\(self.destination.path) exists and is not a folder; refusing to replace it", at: SourceLocation(path: destination, line: 1))
        }
        OutputWriter.recover(destination: self.destination, previous: previous)
        for stale in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where stale.hasPrefix(".\(name).staging-") {
            let pid = Int32(stale.split(separator: "-").last ?? "") ?? 0
            if pid == ProcessInfo.processInfo.processIdentifier || kill(pid, 0) != 0 {
                try? fileManager.removeItem(at: parent.appendingPathComponent(stale))
            }
        }
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(.io003, "cannot create \(staging.path): \(error.localizedDescription)", at: SourceLocation(path: destination, line: 1))
        }
    }

    /// A build killed between the two renames of a swap leaves the old site in `.previous`.
    private static func recover(destination: URL, previous: URL) {
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: destination.path), fileManager.fileExists(atPath: previous.path) {
            try? fileManager.moveItem(at: previous, to: destination)
        } else if fileManager.fileExists(atPath: previous.path) {
            try? fileManager.removeItem(at: previous)
        }
    }

    /// Writes `data` to `path` (relative to the site root) in the staging folder.
    public func write(_ data: Data, to path: String) throws(Diagnostic) {
        guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
            throw Diagnostic(.io003, "refusing to write outside the output folder: \(path)", at: SourceLocation(path: path, line: 1))
        }
        let target = staging.appendingPathComponent(path)
        let folder = target.deletingLastPathComponent().path
        do {
            if !lock.withLock({ createdFolders.contains(folder) }) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                lock.withLock { _ = createdFolders.insert(folder) }
            }
            let old = destination.appendingPathComponent(path)
            if let existing = FileManager.default.contents(atPath: old.path), existing == data, link(old.path, target.path) == 0 {
                lock.withLock { linked += 1 }
                return
            }
            try data.write(to: target)
            lock.withLock { written += 1 }
        } catch {
            throw Diagnostic(.io003, "cannot write \(path): \(error.localizedDescription)", at: SourceLocation(path: target.path, line: 1))
        }
    }

    /// Copies a file into the site (hard link when possible).
    public func copy(from source: String, to path: String) throws(Diagnostic) {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw Diagnostic(.io001, "cannot read \(source)", at: SourceLocation(path: source, line: 1))
        }
        try write(data, to: path)
    }

    /// Swaps the staging folder in place of the destination.
    public func commit() throws(Diagnostic) {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: destination.path) {
            let swapped = c_renameat2(AT_FDCWD, staging.path, AT_FDCWD, destination.path, 2 /* RENAME_EXCHANGE */) == 0
            if swapped {
                try? fileManager.removeItem(at: staging)
                return
            }
            do {
                try fileManager.moveItem(at: destination, to: previous)
                try fileManager.moveItem(at: staging, to: destination)
                try? fileManager.removeItem(at: previous)
            } catch {
                OutputWriter.recover(destination: destination, previous: previous)
                throw Diagnostic(.io003, "cannot replace \(destination.path): \(error.localizedDescription)", at: SourceLocation(path: destination.path, line: 1))
            }
        } else {
            do {
                try fileManager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fileManager.moveItem(at: staging, to: destination)
            } catch {
                throw Diagnostic(.io003, "cannot create \(destination.path): \(error.localizedDescription)", at: SourceLocation(path: destination.path, line: 1))
            }
        }
    }

    /// Removes the staging folder; the previous site stays as it was.
    public func abandon() {
        try? FileManager.default.removeItem(at: staging)
    }
}
