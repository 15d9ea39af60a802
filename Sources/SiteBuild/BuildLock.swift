import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `lock-<digest of the output path>` in the cache folder, held for one build.
final class BuildLock {
    private var descriptor: Int32

    init?(for output: String, in cacheFolder: String) {
        try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        descriptor = open(BuildManifest.path(cacheFolder: cacheFolder, output: output, kind: "lock", extension: "lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
    }

    func release() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
