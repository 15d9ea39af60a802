import AdvisoryModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The version of Herald, part of every cache key.
public enum HeraldVersion {
    public static let string = "0.3.0"

    /// The running executable's size and change time: a rebuilt Herald never reuses a cache
    /// entry made by another build of it, even at the same version.
    static let executableStamp: String = FileStamp.of("/proc/self/exe", following: true) ?? "unknown"
}

/// A file's identity and change stamp (device, inode, size, modification and change times in
/// nanoseconds). Equal stamps mean an unchanged file; unequal ones are confirmed by content hash.
enum FileStamp {
    static func of(_ path: String, following: Bool = false) -> String? {
        var status = stat()
        guard (following ? stat(path, &status) : lstat(path, &status)) == 0 else { return nil }
        return describe(status)
    }

    static func describe(_ status: stat) -> String {
        "\(status.st_dev):\(status.st_ino):\(status.st_size):\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec):\(status.st_ctim.tv_sec).\(status.st_ctim.tv_nsec)"
    }
}

/// Digests of what every document's preparation and every page's rendering depend on besides
/// the document itself.
struct BuildFingerprints: Sendable {
    /// Herald, the configuration and the UI strings: what preparing a document reads.
    let prepare: String
    /// `prepare` plus every file of the templates folder: what rendering a page reads.
    let render: String

    init(configuration: SiteConfiguration) {
        let templates = configuration.resolve(configuration.templates)
        let rules = configuration.rules.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let locales = configuration.locales.map { "\($0.tag)|\(configuration.resolve($0.content))|\($0.title ?? "")" }.joined(separator: ";")
        let settings = [
            "herald \(HeraldVersion.string) \(HeraldVersion.executableStamp)",
            configuration.baseURL, configuration.title, configuration.defaultLocale, locales, String(configuration.feedLength),
            configuration.publisher.name, configuration.publisher.namespace, configuration.publisher.category ?? "",
            rules, String(configuration.limits.maximumFileBytes), String(configuration.limits.maximumNesting), String(configuration.includeDrafts),
        ] + (configuration.labels.isEmpty ? [] : [LabelOverrides.fingerprint(configuration.labels)])
        let strings = Self.files(below: templates + "/strings")
        prepare = ContentHash(parts: settings + strings).description
        render = ContentHash(parts: [prepare] + Self.files(below: templates)).description
    }

    /// Name and content digest of every file below `folder`, sorted by name.
    private static func files(below folder: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var parts: [String] = []
        for case let relative as String in enumerator {
            guard let data = FileManager.default.contents(atPath: folder + "/" + relative) else { continue }
            parts.append(relative + "=" + ContentHash(of: data).description)
        }
        return parts.sorted()
    }
}

/// What the last build of an output folder did, kept in the cache folder: the stamp, key and
/// facts of every document, the key of every page, the site-wide key and every output file.
/// The next build reuses what is unchanged and, when nothing changed at all, does nothing.
struct BuildManifest: Sendable {
    static let currentFormat = 1

    struct Document: Sendable {
        var sourcePath: String
        var stamp: String
        var key: String
        var facts: DocumentFacts
        /// Nil when the page was not written (a failed build).
        var pageKey: String?
        var pageDiagnostics: [Diagnostic]
    }

    var prepareFingerprint: String
    var renderFingerprint: String
    var documents: [Document]
    /// The TOC of each locale as read, by locale.
    var tocs: [String: TOCReader.Known] = [:]
    /// Present only after a published build.
    var output: Output?

    struct Output: Sendable {
        /// Device and inode of the output folder as this build left it.
        var identity: String
        /// Digest of every input stamp and the render fingerprint: equal means nothing changed.
        var inputsDigest: String
        var siteKey: String
        var siteDiagnostics: [Diagnostic]
        /// The site-wide outputs: index pages, search, feeds, sitemap, CSAF index files.
        var siteFiles: [String]
        /// Output path of each copied resource → the stamp of its source when it was copied.
        var resourceStamps: [String: String]
        var files: [String]
        var pages: Int
        var feeds: Int
        var diagnostics: [Diagnostic]
    }

    /// The part of a published build's record that a no-op build reads: small, so that a
    /// build with nothing to do costs a directory walk and a few stats.
    struct Outcome: Codable, Sendable {
        var format = BuildManifest.currentFormat
        var identity: String
        var inputsDigest: String
        var pages: Int
        var feeds: Int
        var files: Int
        var diagnostics: [Diagnostic]

        static func load(cacheFolder: String, output: String) -> Outcome? {
            guard let data = FileManager.default.contents(atPath: BuildManifest.path(cacheFolder: cacheFolder, output: output, kind: "outcome")),
                  let outcome = try? JSONDecoder().decode(Outcome.self, from: data), outcome.format == BuildManifest.currentFormat else { return nil }
            return outcome
        }
    }

    /// The manifest of `output` in `cacheFolder`, or nil when there is none or it is unreadable.
    static func load(cacheFolder: String, output: String) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: path(cacheFolder: cacheFolder, output: output, kind: "manifest", extension: "bin")) else { return nil }
        return ManifestCoding.decode(data)
    }

    /// Writes the manifest and, for a published build, its outcome, atomically; a cache that
    /// cannot be written only costs speed.
    func save(cacheFolder: String, output: String, stamps: OutputStamps? = nil) {
        guard (try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)) != nil else { return }
        let outcomePath = Self.path(cacheFolder: cacheFolder, output: output, kind: "outcome")
        let stampsPath = OutputStamps.path(cacheFolder: cacheFolder, output: output)
        unlink(outcomePath)
        unlink(stampsPath)
        Self.write(ManifestCoding.encode(self), to: Self.path(cacheFolder: cacheFolder, output: output, kind: "manifest", extension: "bin"))
        if let stamps { Self.write(Data(stamps.encoded()), to: stampsPath) }
        if let result = self.output, stamps != nil {
            Self.write(Outcome(identity: result.identity, inputsDigest: result.inputsDigest, pages: result.pages, feeds: result.feeds,
                               files: result.files.count, diagnostics: result.diagnostics), to: outcomePath)
        }
    }

    private static func write(_ value: some Encodable, to target: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let data = try? encoder.encode(value) { write(data, to: target) }
    }

    private static func write(_ data: Data, to target: String) {
        let temporary = target + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard (try? data.write(to: URL(fileURLWithPath: temporary))) != nil else { return }
        if rename(temporary, target) != 0 { unlink(temporary) }
    }

    static func path(cacheFolder: String, output: String, kind: String, extension suffix: String = "json") -> String {
        cacheFolder + "/\(kind)-" + String(ContentHash(of: output).description.prefix(16)) + "." + suffix
    }

    /// Device and inode of a folder, to tell whether the output folder is the one the last build wrote.
    static func identity(of folder: String) -> String? {
        var status = stat()
        guard stat(folder, &status) == 0 else { return nil }
        return "\(status.st_dev):\(status.st_ino)"
    }
}

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
    /// build kept them as they were.
    static func current(of paths: [String], in folder: String, written: Set<String>, previous: OutputStamps?, changed: Set<String>) -> OutputStamps {
        withFolder(folder) { descriptor in
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

    /// The recorded paths whose file in `folder` is missing or differs from its stamp.
    func changed(in folder: String) -> Set<String> {
        Self.withFolder(folder) { descriptor in
            var changed: Set<String> = []
            for (path, stamp) in stamps where Self.stamp(of: path, in: descriptor) != stamp { changed.insert(path) }
            return changed
        }
    }

    static func path(cacheFolder: String, output: String) -> String {
        BuildManifest.path(cacheFolder: cacheFolder, output: output, kind: "outputs", extension: "bin")
    }

    static func load(cacheFolder: String, output: String) -> OutputStamps? {
        guard let data = FileManager.default.contents(atPath: path(cacheFolder: cacheFolder, output: output)) else { return nil }
        var reader = BinaryReader(bytes: [UInt8](data))
        do {
            guard try reader.string() == magic else { return nil }
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

extension SiteConfiguration {
    /// The cache folder: `cache:` of `site.yml`, else `.herald-cache` beside the output folder.
    public var cacheFolder: String {
        if let cache { return resolve(cache) }
        return URL(fileURLWithPath: resolve(output)).standardizedFileURL.deletingLastPathComponent().appendingPathComponent(".herald-cache").path
    }
}

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
