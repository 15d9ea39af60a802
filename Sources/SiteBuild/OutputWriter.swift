import AdvisoryModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("renameat2")
private func c_renameat2(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32, _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32

/// Writes a site into a staging folder and puts it in place at the end.
///
/// A file whose bytes equal the previous site's is not written but kept (`keep`). At `commit`,
/// a site with few changes is updated in place: the new files are renamed over the old ones one
/// by one, under a journal that the next build rolls forward if this one is killed half-way.
/// Otherwise the kept files are hard-linked into the staging folder and the two folders are
/// swapped in one `renameat2(RENAME_EXCHANGE)`. Until `commit()`, the previous site is untouched;
/// a build that fails or is killed before it leaves it byte-identical.
public final class OutputWriter: @unchecked Sendable {
    public let destination: URL
    public let staging: URL
    private let previous: URL
    private let lock = NSLock()
    private var createdFolders = Set<String>()
    private var writtenPaths = Set<String>()
    private var keptPaths = Set<String>()
    var written: Int { lock.withLock { writtenPaths.count } }
    /// The files this build wrote (not kept from the previous site).
    var writtenFiles: Set<String> { lock.withLock { writtenPaths } }
    var linked: Int { lock.withLock { keptPaths.count } }
    /// Every file of the site as it stands after `commit()`.
    var allPaths: [String] { lock.withLock { writtenPaths.union(keptPaths).sorted() } }
    /// Most files changed or removed for which a commit updates the site in place.
    static let inPlaceLimit = 200

    /// Every file of the site at `destination`, when known (from the last build's manifest).
    private let previousFiles: Set<String>?
    /// Files of `previousFiles` deleted or changed by hand since: never kept.
    private let changedFiles: Set<String>

    public init(destination: String, previousFiles: Set<String>? = nil, changedFiles: Set<String> = []) throws(Diagnostic) {
        self.previousFiles = previousFiles
        self.changedFiles = changedFiles
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
                let folder = parent.appendingPathComponent(stale)
                OutputWriter.rollForward(staging: folder, destination: self.destination)
                OutputWriter.removeTree(folder.path)
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
            OutputWriter.removeTree(previous.path)
        }
    }

    private static let journalName = ".herald-commit"

    /// Finishes an in-place commit that a killed build had started (its journal is complete).
    private static func rollForward(staging: URL, destination: URL) {
        guard let journal = FileManager.default.contents(atPath: staging.appendingPathComponent(journalName).path) else { return }
        var moved: [String] = []
        var removed: [String] = []
        for line in String(decoding: journal, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("W ") { moved.append(String(line.dropFirst(2))) }
            if line.hasPrefix("D ") { removed.append(String(line.dropFirst(2))) }
        }
        apply(moved: moved, removed: removed, staging: staging, destination: destination)
    }

    private static func apply(moved: [String], removed: [String], staging: URL, destination: URL) {
        let fileManager = FileManager.default
        for path in moved {
            let source = staging.appendingPathComponent(path).path
            guard fileManager.fileExists(atPath: source) else { continue }
            let target = destination.appendingPathComponent(path)
            try? fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            _ = rename(source, target.path)
        }
        for path in removed {
            var target = destination.appendingPathComponent(path)
            unlink(target.path)
            target.deleteLastPathComponent()
            while target.path.count > destination.path.count, rmdir(target.path) == 0 { target.deleteLastPathComponent() }
        }
    }

    private func checked(_ path: String) throws(Diagnostic) {
        guard !path.hasPrefix("/"), path != "..", !path.hasPrefix("../"), !path.hasSuffix("/.."), !path.contains("/../") else {
            throw Diagnostic(.io003, "refusing to write outside the output folder: \(path)", at: SourceLocation(path: path, line: 1))
        }
    }

    /// Writes `data` to `path` (relative to the site root); when the previous site has the same
    /// bytes there, the file is kept instead.
    public func write(_ data: some ContiguousBytes, to path: String) throws(Diagnostic) {
        try checked(path)
        let old = destination.appendingPathComponent(path).path
        var status = stat()
        if stat(old, &status) == 0, Int(status.st_size) == data.withUnsafeBytes(\.count), (status.st_mode & S_IFMT) == S_IFREG,
           let existing = FileManager.default.contents(atPath: old), existing.withUnsafeBytes({ old in data.withUnsafeBytes { old.elementsEqual($0) } }) {
            markKept(path)
            return
        }
        let target = staging.appendingPathComponent(path)
        let folder = target.deletingLastPathComponent().path
        do {
            if !lock.withLock({ createdFolders.contains(folder) }) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                lock.withLock { _ = createdFolders.insert(folder) }
            }
            try Self.writeFile(data, to: target.path)
            lock.withLock {
                _ = writtenPaths.insert(path)
                keptPaths.remove(path)
            }
        } catch {
            throw Diagnostic(.io003, "cannot write \(path): \(error.localizedDescription)", at: SourceLocation(path: target.path, line: 1))
        }
    }

    /// Keeps the previous site's file at `path` unchanged; false when there is none.
    public func keep(_ path: String) -> Bool {
        guard (try? checked(path)) != nil else { return false }
        if let previousFiles {
            guard previousFiles.contains(path), !changedFiles.contains(path) else { return false }
            markKept(path)
            return true
        }
        var status = stat()
        guard stat(destination.appendingPathComponent(path).path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        markKept(path)
        return true
    }

    /// The last call for a path wins: a kept file replaces one written before to the same path.
    private func markKept(_ path: String) {
        let wasWritten = lock.withLock {
            keptPaths.insert(path)
            return writtenPaths.remove(path) != nil
        }
        if wasWritten { unlink(staging.appendingPathComponent(path).path) }
    }

    /// Copies a file into the site.
    public func copy(from source: String, to path: String) throws(Diagnostic) {
        guard let data = FileManager.default.contents(atPath: source) else {
            throw Diagnostic(.io001, "cannot read \(source)", at: SourceLocation(path: source, line: 1))
        }
        try write(data, to: path)
    }

    /// Puts the new site in place: in place when the files of the previous site are known
    /// and few change; otherwise the whole folder is swapped.
    public func commit() throws(Diagnostic) {
        let fileManager = FileManager.default
        let (written, kept) = lock.withLock { (writtenPaths, keptPaths) }
        if let previousFiles, fileManager.fileExists(atPath: destination.path) {
            let removed = previousFiles.subtracting(written).subtracting(kept).sorted()
            if written.count + removed.count <= Self.inPlaceLimit {
                let moved = written.sorted()
                if !moved.isEmpty || !removed.isEmpty {
                    let journal = moved.map { "W " + $0 + "\n" }.joined() + removed.map { "D " + $0 + "\n" }.joined()
                    let journalURL = staging.appendingPathComponent(Self.journalName)
                    let temporary = staging.appendingPathComponent(Self.journalName + ".tmp")
                    do {
                        try Data(journal.utf8).write(to: temporary)
                    } catch {
                        throw Diagnostic(.io003, "cannot write the commit journal: \(error.localizedDescription)", at: SourceLocation(path: staging.path, line: 1))
                    }
                    guard rename(temporary.path, journalURL.path) == 0 else {
                        throw Diagnostic(.io003, "cannot write the commit journal", at: SourceLocation(path: staging.path, line: 1))
                    }
                    Self.apply(moved: moved, removed: removed, staging: staging, destination: destination)
                }
                Self.removeTree(staging.path)
                return
            }
        }
        for path in kept {
            let target = staging.appendingPathComponent(path)
            let folder = target.deletingLastPathComponent().path
            if !createdFolders.contains(folder) {
                try? fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                createdFolders.insert(folder)
            }
            if link(destination.appendingPathComponent(path).path, target.path) != 0 {
                throw Diagnostic(.io003, "cannot link \(path) into the new site", at: SourceLocation(path: target.path, line: 1))
            }
        }
        if fileManager.fileExists(atPath: destination.path) {
            let swapped = c_renameat2(AT_FDCWD, staging.path, AT_FDCWD, destination.path, 2 /* RENAME_EXCHANGE */) == 0
            if swapped {
                Self.removeTree(staging.path)
                return
            }
            do {
                try fileManager.moveItem(at: destination, to: previous)
                try fileManager.moveItem(at: staging, to: destination)
                OutputWriter.removeTree(previous.path)
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
        Self.removeTree(staging.path)
    }

    struct WriteError: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes a new file with `open`/`write`/`close` (Foundation's `Data.write` syncs each file
    /// to disk, which a site of ten thousand files pays for dearly; the swap is what is atomic).
    static func writeFile(_ data: some ContiguousBytes, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(description: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(description: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    /// Removes a folder and everything in it, without following symbolic links.
    static func removeTree(_ path: String) {
        guard let handle = opendir(path) else {
            unlink(path)
            return
        }
        var folders: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            if Int32(entry.pointee.d_type) == Int32(DT_DIR) {
                folders.append(name)
            } else if unlinkat(dirfd(handle), name, 0) != 0, errno == EISDIR {
                folders.append(name)
            }
        }
        closedir(handle)
        for folder in folders { removeTree(path + "/" + folder) }
        rmdir(path)
    }
}
