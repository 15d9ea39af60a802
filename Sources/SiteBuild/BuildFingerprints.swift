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

    /// `device:inode:size:mtime:ctime`, the times as `seconds.nanoseconds`; written digit by digit
    /// (a content walk describes every file, and string interpolation of seven numbers was most of it).
    static func describe(_ status: stat) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(96)
        DecimalDigits.append(status.st_dev, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalDigits.append(status.st_ino, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalDigits.append(status.st_size, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalDigits.append(status.st_mtim.tv_sec, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        DecimalDigits.append(status.st_mtim.tv_nsec, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        DecimalDigits.append(status.st_ctim.tv_sec, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        DecimalDigits.append(status.st_ctim.tv_nsec, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
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
        let rules = configuration.rules.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value?.rawValue ?? "off")" }.joined(separator: ",")
        let locales = configuration.locales.map { "\($0.tag)|\(configuration.resolve($0.content))|\($0.title ?? "")" }.joined(separator: ";")
        let settings = [
            "herald \(HeraldVersion.string) \(HeraldVersion.executableStamp)",
            configuration.baseURL, configuration.title, configuration.defaultLocale, locales, String(configuration.feedLength),
            configuration.publisher?.name ?? "", configuration.publisher?.namespace ?? "", configuration.publisher?.category ?? "",
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

extension SiteConfiguration {
    /// The cache folder, which also holds the build lock: `cache:` of `site.yml`, else
    /// `.herald/cache` in the project folder (the folder of `site.yml`).
    public var cacheFolder: String {
        resolve(cache ?? ".herald/cache")
    }
}
