import AdvisoryModel
import Foundation
import Glibc

/// Where prepared payloads live between preparing a document and writing its outputs: in
/// memory (preview, or no usable cache folder), or in pack files of the cache folder.
///
/// A build appends the payloads it prepares, each after its key, to one new pack file (`pack-N`), at an offset
/// reserved under a lock, so documents prepared in parallel write at once and a cold build
/// creates one file instead of one per document (on ext4 without a journal, each new inode
/// costs a scan past the recently deleted ones). `finish(keeping:)` writes the index the next
/// build reads (key → pack, offset, length) and deletes every pack no kept payload is in. A
/// build that stops before `finish` (or `herald check`, which publishes nothing) leaves the last
/// index as it was and deletes its own pack when the store goes; a killed build's pack is
/// deleted by the next `finish`.
///
/// The record and CSAF files of a payload saved in this build are held in memory until `load`
/// hands them over (up to `heldLimit` bytes in all; past it they go to the pack with the body):
/// the render writes them into the output, where the next build keeps them, so the pack keeps
/// only what a page is made from. A later build that must write them again (an output file
/// changed by hand) prepares the document again (`SiteSnapshot.payload(for:needingFiles:)`).
final class PayloadStore: @unchecked Sendable {
    /// Where one payload's bytes are.
    struct Location: Hashable, Sendable {
        var pack: String
        var offset: Int
        var count: Int
    }

    private struct Disk {
        var index: [ContentKey: Location] = [:]
        /// This build's pack, from its first save.
        var pack: (name: String, descriptor: Int32, end: Int)?
        /// Descriptors of the packs read from.
        var readers: [String: Int32] = [:]
        /// True once this build's pack could not be made: saves go to memory.
        var unwritable = false
        /// True once the index names what this build keeps.
        var finished = false
    }

    private let folder: String?
    private let memory = Locked<[ContentKey: DocumentPayload]>([:])
    /// Record and CSAF files saved in this build and not loaded yet, and their size in bytes.
    private let held = Locked<(files: [ContentKey: DocumentPayload.Files], bytes: Int)>(([:], 0))
    /// Most bytes of record and CSAF files held in memory at once.
    static let heldLimit = 160 << 20
    private let disk = Locked(Disk())
    static let indexName = "index"
    private static let indexMagic = "herald-payload-index-1"
    /// More packs than this, and `finish` moves the payloads of all but the largest into this build's.
    static let packLimit = 8

    /// A store in `folder` (created when missing) that knows the payloads of its index, or in
    /// memory when `folder` is nil or cannot be created.
    init(folder: String?) {
        if let folder, (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil {
            self.folder = folder
            let index = Self.readIndex(in: folder)
            disk.withLock { $0.index = index }
        } else {
            self.folder = nil
        }
    }

    /// Closes the packs; deletes this build's pack unless `finish` indexed it (`herald check`,
    /// a build that stopped early): no later build can find what is in it.
    deinit {
        disk.withLock { state in
            if let pack = state.pack {
                close(pack.descriptor)
                if !state.finished, let folder { unlink(folder + "/" + pack.name) }
            }
            for descriptor in state.readers.values { close(descriptor) }
        }
    }

    /// Saves `payload` after its key (`header(of:)`), so that a load never takes another key's bytes:
    /// its body in the pack and its files in memory while they fit, else all of it in the pack.
    func save(_ payload: DocumentPayload, key: ContentKey) {
        let holding = folder != nil && payload.files.map { hold($0, for: key) } == true
        let stored = holding ? payload.bodyOnly : payload
        let header = Self.header(of: key)
        let saved = folder != nil && stored.withEncodedParts { parts in
            header.withUnsafeBytes { header in
                let count = header.count + parts.reduce(0) { $0 + $1.count }
                guard let (pack, descriptor, offset) = reserve(count), Self.write([header] + parts, to: descriptor, at: offset) else { return false }
                disk.withLock { $0.index[key] = Location(pack: pack, offset: offset, count: count) }
                return true
            }
        }
        guard !saved else { return }
        if holding { _ = takeHeld(key) }
        memory.withLock { $0[key] = payload }
    }

    /// Holds `files` in memory for `key` while all held files stay within `heldLimit`; true when held.
    private func hold(_ files: DocumentPayload.Files, for key: ContentKey) -> Bool {
        held.withLock { held in
            guard held.bytes + files.count <= Self.heldLimit else { return false }
            if let replaced = held.files.updateValue(files, forKey: key) { held.bytes -= replaced.count }
            held.bytes += files.count
            return true
        }
    }

    /// The files held for `key`, no longer held.
    private func takeHeld(_ key: ContentKey) -> DocumentPayload.Files? {
        held.withLock { held in
            guard let files = held.files.removeValue(forKey: key) else { return nil }
            held.bytes -= files.count
            return files
        }
    }

    /// The payload saved for `key`: from memory, or from its pack with the files held for it
    /// (handed over: a second load gets the body alone); nil when there is none.
    func load(_ key: ContentKey) -> DocumentPayload? {
        if let payload = memory.withLock({ $0[key] }) { return payload }
        let header = Self.header(of: key)
        guard let (descriptor, location) = disk.withLock({ state -> (Int32, Location)? in
            guard let location = state.index[key], location.count >= header.count, let descriptor = descriptor(of: location.pack, in: &state) else { return nil }
            return (descriptor, location)
        }), Self.read(header.count, from: descriptor, at: location.offset) == header,
              let bytes = Self.read(location.count - header.count, from: descriptor, at: location.offset + header.count),
              let payload = DocumentPayload(decoding: bytes) else { return nil }
        guard payload.files == nil, let files = takeHeld(key) else { return payload }
        return payload.with(files)
    }

    /// The bytes before each payload in a pack: its key, length-prefixed.
    static func header(of key: ContentKey) -> [UInt8] {
        var writer = BinaryWriter()
        writer.key(key)
        return writer.bytes
    }

    /// Keeps the payloads of `keys` for the next build and forgets the others: moves the kept
    /// payloads of a pack into this build's when over half of that pack is dead, or when there
    /// are more than `packLimit` packs and it is not the largest; writes the index; deletes every
    /// other file of the folder (packs left empty, an interrupted build's pack, older cache forms).
    func finish(keeping keys: Set<ContentKey>) {
        guard let folder else { return }
        var kept = disk.withLock { $0.index.filter { keys.contains($0.key) } }
        let current = disk.withLock { $0.pack?.name }
        var liveBytes: [String: Int] = [:]
        for location in kept.values { liveBytes[location.pack, default: 0] += location.count }
        let sizes = Dictionary(uniqueKeysWithValues: liveBytes.keys.map { ($0, Self.fileSize(folder + "/" + $0) ?? 0) })
        let largest = sizes.filter { $0.key != current }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        let moving = Set(liveBytes.keys.filter { pack in
            pack != current && (liveBytes[pack, default: 0] * 2 < sizes[pack, default: 0] || (liveBytes.count > Self.packLimit && pack != largest))
        })
        for (key, location) in kept.sorted(by: { ($0.value.pack, $0.value.offset) < ($1.value.pack, $1.value.offset) }) where moving.contains(location.pack) {
            guard let descriptor = disk.withLock({ descriptor(of: location.pack, in: &$0) }),
                  let bytes = Self.read(location.count, from: descriptor, at: location.offset),
                  let (pack, target, offset) = reserve(bytes.count),
                  bytes.withUnsafeBytes({ Self.write([$0], to: target, at: offset) }) else { continue }
            kept[key] = Location(pack: pack, offset: offset, count: bytes.count)
        }
        guard Self.writeIndex(kept, in: folder) else { return }
        disk.withLock {
            $0.index = kept
            $0.finished = true
        }
        let live = Set(kept.values.map(\.pack)).union([Self.indexName])
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !live.contains(name) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// `count` bytes of this build's pack (made on the first call): its name, descriptor and the offset.
    private func reserve(_ count: Int) -> (String, Int32, Int)? {
        guard let folder else { return nil }
        return disk.withLock { state in
            if state.pack == nil, !state.unwritable {
                for number in 1... {
                    let name = "pack-\(number)"
                    let descriptor = open(folder + "/" + name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                    if descriptor >= 0 {
                        state.pack = (name, descriptor, 0)
                        break
                    }
                    if errno != EEXIST || number > 10_000 {
                        state.unwritable = true
                        break
                    }
                }
            }
            guard let pack = state.pack else { return nil }
            state.pack?.end += count
            return (pack.name, pack.descriptor, pack.end)
        }
    }

    private func descriptor(of pack: String, in state: inout Disk) -> Int32? {
        if let current = state.pack, current.name == pack { return current.descriptor }
        if let descriptor = state.readers[pack] { return descriptor }
        guard let folder, !pack.contains("/") else { return nil }
        let descriptor = open(folder + "/" + pack, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        state.readers[pack] = descriptor
        return descriptor
    }

    /// Writes `parts` one after the other at `offset` with `pwritev`; false on failure.
    private static func write(_ parts: [UnsafeRawBufferPointer], to descriptor: Int32, at offset: Int) -> Bool {
        var vectors = parts.filter { !$0.isEmpty }.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        var first = 0
        var position = offset
        while first < vectors.count {
            let written = vectors.withUnsafeBufferPointer { pwritev(descriptor, $0.baseAddress! + first, Int32(min(vectors.count - first, 1024)), off_t(position)) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            position += written
            var remaining = written
            while first < vectors.count, remaining >= vectors[first].iov_len {
                remaining -= vectors[first].iov_len
                first += 1
            }
            if remaining > 0 {
                vectors[first].iov_base += remaining
                vectors[first].iov_len -= remaining
            }
        }
        return true
    }

    /// `count` bytes at `offset`, read straight into one array; nil when they cannot all be read.
    private static func read(_ count: Int, from descriptor: Int32, at offset: Int) -> [UInt8]? {
        guard count > 0 else { return [] }
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < count {
                let read = pread(descriptor, buffer.baseAddress! + filled, count - filled, off_t(offset + filled))
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                filled += read
            }
        }
        return bytes.count == count ? bytes : nil
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : nil
    }

    /// The index of `folder`, or none when it is missing or not one this version wrote.
    private static func readIndex(in folder: String) -> [ContentKey: Location] {
        guard var reader = BinaryReader(file: folder + "/" + indexName, magic: indexMagic) else { return [:] }
        do {
            let packs = try reader.strings()
            var index: [ContentKey: Location] = [:]
            for _ in 0..<(try reader.count()) {
                let key = try reader.key()
                let pack = try reader.int()
                let offset = try reader.int()
                let count = try reader.int()
                guard packs.indices.contains(pack), offset >= 0, count >= 0 else { return [:] }
                index[key] = Location(pack: packs[pack], offset: offset, count: count)
            }
            return reader.isAtEnd ? index : [:]
        } catch {
            return [:]
        }
    }

    /// Writes the index beside a temporary name and renames it into place; false on failure.
    private static func writeIndex(_ index: [ContentKey: Location], in folder: String) -> Bool {
        let packs = Set(index.values.map(\.pack)).sorted()
        let numbers = Dictionary(uniqueKeysWithValues: packs.enumerated().map { ($1, $0) })
        var writer = BinaryWriter()
        writer.string(indexMagic)
        writer.strings(packs)
        writer.int(index.count)
        for (key, location) in index.sorted(by: { $0.key.description < $1.key.description }) {
            writer.key(key)
            writer.int(numbers[location.pack] ?? 0)
            writer.int(location.offset)
            writer.int(location.count)
        }
        let path = folder + "/" + indexName
        let temporary = folder + "/.\(indexName).\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(writer.bytes)) else { return false }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
