import Foundation
import Glibc

/// Where prepared payloads live between preparing a document and writing its outputs: in
/// memory (preview, or no usable cache folder), or as files of the cache folder. A payload
/// saved to a file is also held in memory until it is first loaded, while the held ones come to
/// at most `holdingLimit` bytes, so that a build renders what it prepared without reading it back.
final class PayloadStore: @unchecked Sendable {
    private let folder: String?
    private let memory = Locked<[ContentKey: DocumentPayload]>([:])
    private let shards = Locked<Set<String>>([])
    /// Payloads written to the cache folder and not loaded yet, and their bytes in all.
    private let held = Locked<(payloads: [ContentKey: DocumentPayload], bytes: Int)>(([:], 0))
    /// The most payload bytes held in memory besides their files.
    let holdingLimit: Int

    /// What a build holds by default: zh-CN's payloads come to about 226 MB, so some are read
    /// back, and a corpus ten times larger holds no more than this.
    static let defaultHoldingLimit = 160 << 20

    /// A store in `folder` (created when missing), or in memory when `folder` is nil or cannot
    /// be created; it holds up to `holdingLimit` bytes of the payloads it writes until they are
    /// loaded.
    init(folder: String?, holdingLimit: Int = PayloadStore.defaultHoldingLimit) {
        if let folder, (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil {
            self.folder = folder
        } else {
            self.folder = nil
        }
        self.holdingLimit = holdingLimit
    }

    /// The bytes of payloads held in memory besides their files.
    var heldBytes: Int { held.withLock { $0.bytes } }

    var isOnDisk: Bool { folder != nil }

    private func file(_ key: ContentKey) -> String? {
        folder.map { $0 + "/" + String(key.description.prefix(2)) + "/" + key.description }
    }

    func save(_ payload: DocumentPayload, key: ContentKey) {
        guard let folder, let file = file(key) else {
            memory.withLock { $0[key] = payload }
            return
        }
        let shard = folder + "/" + String(key.description.prefix(2))
        if !shards.withLock({ $0.contains(shard) }) {
            mkdir(shard, 0o755)
            shards.withLock { _ = $0.insert(shard) }
        }
        let temporary = shard + "/.\(key).\(getpid()).tmp"
        if payload.withEncodedParts({ Self.write($0, to: temporary) }) {
            if rename(temporary, file) != 0 { unlink(temporary) }
            hold(payload, key: key)
        } else {
            memory.withLock { $0[key] = payload }
        }
    }

    /// Keeps `payload` in memory until it is loaded, if it fits below `holdingLimit`.
    private func hold(_ payload: DocumentPayload, key: ContentKey) {
        let size = payload.byteCount
        held.withLock { held in
            guard held.bytes + size <= holdingLimit else { return }
            if let previous = held.payloads.updateValue(payload, forKey: key) { held.bytes -= previous.byteCount }
            held.bytes += size
        }
    }

    /// The payload saved under `key`: the one held in memory (given up, as a build loads each
    /// payload once), else read from its file.
    func load(_ key: ContentKey) -> DocumentPayload? {
        if let payload = memory.withLock({ $0[key] }) { return payload }
        let kept = held.withLock { held -> DocumentPayload? in
            guard let payload = held.payloads.removeValue(forKey: key) else { return nil }
            held.bytes -= payload.byteCount
            return payload
        }
        if let kept { return kept }
        guard let file = file(key), let bytes = Self.read(file) else { return nil }
        return DocumentPayload(decoding: bytes)
    }

    /// Writes `parts` one after the other into a new file at `path` with `writev`; false on failure.
    private static func write(_ parts: [UnsafeRawBufferPointer], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var vectors = parts.filter { !$0.isEmpty }.map { iovec(iov_base: UnsafeMutableRawPointer(mutating: $0.baseAddress), iov_len: $0.count) }
        var first = 0
        while first < vectors.count {
            let written = vectors.withUnsafeBufferPointer { writev(descriptor, $0.baseAddress! + first, Int32(min(vectors.count - first, 1024))) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
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

    /// The bytes of the file at `path`, read straight into one array; nil when it cannot be read.
    private static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        guard size > 0 else { return [] }
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                count += read
            }
        }
        return bytes.count == size ? bytes : nil
    }

    /// Deletes payload files whose key is not in `keys` (after a successful build).
    func removeAll(except keys: Set<ContentKey>) {
        guard let folder else { return }
        let names = Set(keys.map(\.description))
        let fileManager = FileManager.default
        for shard in (try? fileManager.contentsOfDirectory(atPath: folder)) ?? [] where shard.count == 2 {
            for name in (try? fileManager.contentsOfDirectory(atPath: folder + "/" + shard)) ?? [] where !names.contains(name) {
                try? fileManager.removeItem(atPath: folder + "/" + shard + "/" + name)
            }
        }
    }
}
