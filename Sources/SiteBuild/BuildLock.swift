import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive `flock` on `.herald-<output name>.lock` beside the output folder, held for one build.
final class BuildLock {
    private var descriptor: Int32

    init?(for output: String) {
        let url = URL(fileURLWithPath: output)
        let parent = url.deletingLastPathComponent().path
        try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        descriptor = open(parent + "/.herald-" + url.lastPathComponent + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
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
