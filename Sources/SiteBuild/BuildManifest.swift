import AdvisoryModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the last build of an output folder did, kept in the cache folder: the stamp, key and
/// facts of every document, the key of every page, the site-wide key and every output file.
/// The next build reuses what is unchanged and, when nothing changed at all, does nothing.
struct BuildManifest: Sendable {

    struct Document: Sendable {
        var sourcePath: String
        /// Nil when the file could not be looked at.
        var stamp: String?
        var key: ContentKey
        var facts: DocumentFacts
        /// Nil when the page was not written (a failed build).
        var pageKey: ContentKey?
        var pageDiagnostics: [Diagnostic]
        /// The first four fields as the manifest held them (`ManifestCoding.preparedRecord(of:)`):
        /// written back as they are while they stay unchanged.
        var preparedRecord: ArraySlice<UInt8>? = nil
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
        var inputsDigest: ContentKey
        var siteKey: ContentKey
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
    struct Published: Sendable {
        static let magic = "herald-outcome-2"

        var identity: String
        var inputsDigest: String
        var pages: Int
        var feeds: Int
        var files: Int
        var diagnostics: [Diagnostic]

        static func load(cacheFolder: String, output: String) -> Published? {
            guard var reader = BinaryReader(file: BuildManifest.path(cacheFolder: cacheFolder, output: output, kind: "outcome", extension: "bin"), magic: magic),
                  let published = try? reader.published(), reader.isAtEnd else { return nil }
            return published
        }

        var encoded: Data {
            var writer = BinaryWriter()
            writer.string(Self.magic)
            writer.string(identity)
            writer.string(inputsDigest)
            writer.int(pages)
            writer.int(feeds)
            writer.int(files)
            writer.diagnostics(diagnostics)
            return Data(writer.bytes)
        }
    }

    /// The manifest of `output` in `cacheFolder`, or nil when there is none or it is unreadable.
    static func load(cacheFolder: String, output: String) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: path(cacheFolder: cacheFolder, output: output, kind: "manifest", extension: "bin")) else { return nil }
        return ManifestCoding.decode(data)
    }

    /// Writes the manifest and, for a published build, its outcome and `stamps` (the encoded
    /// `OutputStamps` of its output), atomically; a cache that cannot be written only costs speed.
    /// `encoded`: `ManifestCoding.encode(self)`, when the caller has it already.
    func save(cacheFolder: String, output: String, stamps: Data? = nil, encoded: Data? = nil) {
        guard (try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)) != nil else { return }
        let outcomePath = Self.path(cacheFolder: cacheFolder, output: output, kind: "outcome", extension: "bin")
        let stampsPath = OutputStamps.path(cacheFolder: cacheFolder, output: output)
        unlink(outcomePath)
        unlink(stampsPath)
        Self.write(encoded ?? ManifestCoding.encode(self), to: Self.path(cacheFolder: cacheFolder, output: output, kind: "manifest", extension: "bin"))
        if let stamps { Self.write(stamps, to: stampsPath) }
        if let result = self.output, stamps != nil {
            Self.write(Published(identity: result.identity, inputsDigest: result.inputsDigest.description, pages: result.pages, feeds: result.feeds,
                                 files: result.files.count, diagnostics: result.diagnostics).encoded, to: outcomePath)
        }
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
