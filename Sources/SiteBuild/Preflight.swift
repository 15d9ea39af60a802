import AdvisoryModel
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SiteRendering

/// Checks made before a build reads or writes anything: the mistakes a user makes in the
/// configuration or on the command line. An error here stops the build with nothing written
/// (no output, no cache, no lock file).
public enum Preflight {
    /// The problems of `configuration` for a build with `options`.
    public static func problems(of configuration: SiteConfiguration, options: BuildOptions) -> [Diagnostic] {
        var problems = configuration.locales.flatMap { tagProblems(of: $0, configuration: configuration) }
        if !configuration.locales.isEmpty, !configuration.locales.contains(where: { $0.tag == configuration.defaultLocale }) {
            problems.append(Diagnostic(.cfg001, "defaultLocale '\(configuration.defaultLocale)' is not one of the locales built (\(configuration.locales.map(\.tag).joined(separator: ", "))); set it to one of them",
                                       at: SourceLocation(path: configuration.file, line: 1)))
        }
        if configuration.publisher == nil {
            problems.append(Diagnostic(.cfg002, "no `publisher` in the configuration: Herald never names a publisher itself, so no CSAF documents or provider-metadata.json are written; add `publisher: {name: <your organisation>, namespace: <its https URL>}`",
                                       at: SourceLocation(path: configuration.file, line: 1)))
        }
        problems += configuration.locales.compactMap { contentProblem(of: $0, configuration: configuration, allowEmpty: options.allowEmpty) }
        if options.write { problems += placeProblems(of: configuration) }
        return problems
    }

    /// A malformed tag is an error naming it; a well-formed one outside the IANA registry a warning.
    static func tagProblems(of locale: LocaleSource, configuration: SiteConfiguration) -> [Diagnostic] {
        let at = locale.location ?? SourceLocation(path: configuration.file, line: 1)
        if !isWellFormed(locale.tag) {
            let suggestion = locale.tag.replacingOccurrences(of: "_", with: "-")
            let hint = isWellFormed(suggestion) ? "; write it '\(suggestion)'" : "; use a tag such as zh-CN, de-DE or ja-JP"
            return [Diagnostic(.cfg001, "locale tag '\(locale.tag)' is not a BCP 47 language tag (subtags of letters and digits joined by '-')\(hint)", at: at)]
        }
        if !BCP47LanguageTag.isValid(locale.tag) {
            return [Diagnostic(.cfg003, "locale tag '\(locale.tag)' is well-formed but not in the IANA language subtag registry; CSAF documents of this locale will be refused (CSAF001). Check the spelling (e.g. zh-CN, de-DE)", at: at)]
        }
        return []
    }

    /// Well-formed per RFC 5646 §2.1 in shape: a 2–8 letter language (or `x`/`i`) and subtags of 1–8 letters or digits.
    static func isWellFormed(_ tag: String) -> Bool {
        let subtags = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = subtags.first, first.allSatisfy({ $0.isASCII && $0.isLetter }),
              (2...8).contains(first.count) || ["x", "i"].contains(first.lowercased()) else { return false }
        return subtags.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// A content folder that does not exist, or (unless `allowEmpty`) holds no Markdown file.
    static func contentProblem(of locale: LocaleSource, configuration: SiteConfiguration, allowEmpty: Bool) -> Diagnostic? {
        let folder = configuration.resolve(locale.content)
        let at = SourceLocation(path: folder, line: 1)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            return Diagnostic(.io004, "the content folder of \(locale.tag) does not exist; check `locales` in \(configuration.file) or --content", at: at)
        }
        guard !allowEmpty, !containsMarkdown(folder) else { return nil }
        return Diagnostic(.io004, "the content folder of \(locale.tag) holds no Markdown file; the previous site is kept (pass --allow-empty to publish the locale without documents)", at: at)
    }

    /// True when a name below `folder` ends in `.md`: each folder's own names are looked at before
    /// its subfolders (a content folder usually has Markdown near the top), links are not entered.
    static func containsMarkdown(_ folder: String) -> Bool {
        var pending = [folder]
        while !pending.isEmpty {
            var next: [String] = []
            for path in pending {
                for (name, type) in folderEntries(path) ?? [] {
                    if name.lowercased().hasSuffix(".md") { return true }
                    let child = path + "/" + name
                    var status = stat()
                    switch type {
                    case Int32(DT_DIR): next.append(child)
                    case Int32(DT_UNKNOWN) where lstat(child, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR: next.append(child)
                    default: break
                    }
                }
            }
            pending = next
        }
        return false
    }

    /// The output folder must not be, contain or lie inside a source folder; the cache must not lie inside content.
    static func placeProblems(of configuration: SiteConfiguration) -> [Diagnostic] {
        let output = realPath(configuration.resolve(configuration.output))
        let contents = configuration.locales.map { realPath(configuration.resolve($0.content)) }
        let sources = contents + [realPath(configuration.resolve(configuration.templates))]
        if let source = sources.first(where: { isInside($0, output) }) {
            return [Diagnostic(.io003, "the output folder \(output) is or contains the source folder \(source); refusing to replace it (choose another --out)", at: SourceLocation(path: output, line: 1))]
        }
        if let content = contents.first(where: { isInside(output, $0) }) {
            return [Diagnostic(.io003, "the output folder \(output) lies inside the content folder \(content); choose an --out outside it", at: SourceLocation(path: output, line: 1))]
        }
        let cache = realPath(configuration.cacheFolder)
        if let content = contents.first(where: { isInside(cache, $0) }) {
            return [Diagnostic(.cfg001, "the cache folder \(cache) lies inside the content folder \(content); set `cache:` in the configuration, or run herald from the project folder", at: SourceLocation(path: configuration.file, line: 1))]
        }
        return []
    }

    /// `path` with `.`/`..` and symbolic links resolved as far as it exists.
    static func realPath(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `path` is `folder` or below it.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }
}
