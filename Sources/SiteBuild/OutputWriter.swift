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
    private let destinationPath: String
    private let stagingPath: String
    /// False when there was no site at `destination`: no file can be kept, nothing is looked up there.
    private let destinationExisted: Bool
    private let lock = NSLock()
    /// Folders of the staging tree known to exist: each is made once, with one `mkdir`.
    private var createdFolders = Set<String>()
    private var writtenPaths = Set<String>()
    private var keptPaths = Set<String>()
    var written: Int { lock.withLock { writtenPaths.count } }
    /// The files this build wrote (not kept from the previous site).
    var writtenFiles: Set<String> { lock.withLock { writtenPaths } }
    var linked: Int { lock.withLock { keptPaths.count } }
    /// Every file of the site as it stands after `commit()`, sorted, and whether they are exactly
    /// the last build's files (then `paths` is the list it was given).
    var fileList: (paths: [String], arePrevious: Bool) {
        lock.withLock {
            if let previousList, replacesExactly(written: writtenPaths, kept: keptPaths) { return (previousList, true) }
            return (writtenPaths.union(keptPaths).sorted(), false)
        }
    }
    /// Most files changed or removed for which a commit updates the site in place.
    static let inPlaceLimit = 200

    /// Every file of the site at `destination`, when known (from the last build's manifest), sorted.
    private let previousList: [String]?
    private let previousFiles: Set<String>?
    /// True once a file outside `previousFiles` was kept (it held the bytes written).
    private var keptOutsidePrevious = false
    /// Files of `previousFiles` deleted or changed by hand since: never kept.
    private let changedFiles: Set<String>

    /// `previousFiles`: the last build's files at `destination`, sorted, when known.
    public init(destination: String, previousFiles: [String]? = nil, changedFiles: Set<String> = []) throws(Diagnostic) {
        previousList = previousFiles
        self.previousFiles = previousFiles.map(Set.init)
        self.changedFiles = changedFiles
        keptPaths.reserveCapacity(previousFiles?.count ?? 0)
        self.destination = URL(fileURLWithPath: destination).standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
        previous = parent.appendingPathComponent(".\(name).previous")
        let fileManager = FileManager.default
        destinationPath = self.destination.path
        stagingPath = staging.path
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: destinationPath, isDirectory: &isFolder), !isFolder.boolValue {
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
        createdFolders.insert(stagingPath)
        destinationExisted = fileManager.fileExists(atPath: destinationPath)
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
        guard !Self.leavesSite(path) else {
            throw Diagnostic(.io003, "refusing to write outside the output folder: \(path)", at: SourceLocation(path: path, line: 1))
        }
    }

    /// True when `path` is absolute or climbs out of the site root: it starts with `/`, or one of its
    /// `/`-separated segments is `..`. An ASCII path is read from its bytes (each byte is then a
    /// `Character` but "\r\n", which holds neither `/` nor `.`); any other by `String`'s checks.
    static func leavesSite(_ path: String) -> Bool {
        var copy = path
        let ascii = copy.withUTF8 { bytes -> Bool? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            if bytes.first == UInt8(ascii: "/") { return true }
            var segmentStart = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index - segmentStart == 2, bytes[segmentStart] == UInt8(ascii: "."), bytes[segmentStart + 1] == UInt8(ascii: ".") { return true }
                segmentStart = index + 1
            }
            return false
        }
        return ascii ?? (path.hasPrefix("/") || path == ".." || path.hasPrefix("../") || path.hasSuffix("/..") || path.contains("/../"))
    }

    /// Writes `data` to `path` (relative to the site root); when the previous site has the same
    /// bytes there, the file is kept instead.
    public func write(_ data: some ContiguousBytes, to path: String) throws(Diagnostic) {
        try checked(path)
        if destinationExisted, Self.holds(destinationPath + "/" + path, bytes: data) {
            markKept([path])
            if previousFiles?.contains(path) == false { lock.withLock { keptOutsidePrevious = true } }
            return
        }
        let target = stagingPath + "/" + path
        do {
            try makeFolder(containing: target)
            try Self.writeFile(data, to: target)
            lock.withLock {
                _ = writtenPaths.insert(path)
                keptPaths.remove(path)
            }
        } catch {
            throw Diagnostic(.io003, "cannot write \(path): \(error.localizedDescription)", at: SourceLocation(path: target, line: 1))
        }
    }

    /// True when `path` is a regular file (symbolic links followed) holding exactly `bytes`.
    private static func holds(_ path: String, bytes data: some ContiguousBytes) -> Bool {
        var status = stat()
        let count = data.withUnsafeBytes(\.count)
        guard stat(path, &status) == 0, Int(status.st_size) == count, (status.st_mode & S_IFMT) == S_IFREG else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let existing = [UInt8](unsafeUninitializedCapacity: count + 1) { buffer, filled in
            filled = 0
            while filled <= count {
                let read = Glibc.read(descriptor, buffer.baseAddress! + filled, count + 1 - filled)
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                filled += read
            }
        }
        return existing.count == count && data.withUnsafeBytes { existing.elementsEqual($0) }
    }

    /// Makes the folder that holds `file` and each missing folder above it, up to the staging
    /// folder: one `mkdir` per folder not yet known to exist, no `stat`.
    private func makeFolder(containing file: String) throws {
        guard let slash = file.lastIndex(of: "/") else { return }
        var missing: [String] = []
        var folder = String(file[..<slash])
        while !lock.withLock({ createdFolders.contains(folder) }) {
            missing.append(folder)
            guard let slash = folder.lastIndex(of: "/"), slash > folder.startIndex else { break }
            folder = String(folder[..<slash])
        }
        for folder in missing.reversed() {
            if mkdir(folder, 0o777) != 0, errno != EEXIST { throw WriteError(description: String(cString: strerror(errno))) }
            lock.withLock { _ = createdFolders.insert(folder) }
        }
    }

    /// Keeps the previous site's file at `path` unchanged; false when there is none.
    public func keep(_ path: String) -> Bool {
        guard mayKeep(path) else { return false }
        markKept([path])
        return true
    }

    /// True when `keep(path)` would keep the file; keeps nothing (`markKept` does).
    func mayKeep(_ path: String) -> Bool {
        guard (try? checked(path)) != nil else { return false }
        if let previousFiles {
            return previousFiles.contains(path) && (changedFiles.isEmpty || !changedFiles.contains(path))
        }
        var status = stat()
        return destinationExisted && stat(destinationPath + "/" + path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Keeps the previous site's files at `paths` (each one `mayKeep` allows, or that holds the
    /// bytes to write), under one lock. The last call for a path wins: a kept file replaces one
    /// written before to the same path.
    func markKept(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        let unwritten = lock.withLock {
            keptPaths.formUnion(paths)
            return writtenPaths.isEmpty ? [] : paths.filter { writtenPaths.remove($0) != nil }
        }
        for path in unwritten { unlink(stagingPath + "/" + path) }
    }

    /// True when the files written and kept are exactly the previous site's: each kept one was
    /// in it (a kept file never is written as well), as is each written one, and they are as many.
    private func replacesExactly(written: Set<String>, kept: Set<String>) -> Bool {
        guard let previousFiles, !keptOutsidePrevious, written.count + kept.count == previousFiles.count else { return false }
        return written.allSatisfy(previousFiles.contains)
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
            let removed = replacesExactly(written: written, kept: kept) ? [] : previousFiles.subtracting(written).subtracting(kept).sorted()
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
            let target = stagingPath + "/" + path
            try? makeFolder(containing: target)
            if link(destinationPath + "/" + path, target) != 0 {
                throw Diagnostic(.io003, "cannot link \(path) into the new site", at: SourceLocation(path: target, line: 1))
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
