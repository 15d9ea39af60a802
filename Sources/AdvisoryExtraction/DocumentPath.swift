import AdvisoryModel
import Foundation

/// What a document's path says about it: its kind, id and the URL path of its page.
public struct DocumentPath: Sendable, Hashable {
    /// Path below the locale's content root, as on disk (`SecurityAdvisories/2008/954474.md`).
    public var relative: String
    public var kind: DocumentKind
    /// The id the path gives (`MS16-001`, `954474`, `MS04-AUG`, `MSVR11-001`, or the file stem).
    public var id: String
    /// Lower-case ASCII page path below the locale (`securityadvisories/2008/954474`).
    public var slug: String
    /// The year folder, if the path has one.
    public var year: Int?

    static let bulletinStem = CompiledPattern("^ms\\d\\d-\\d{3}$")
    static let advisoryStem = CompiledPattern("^\\d{6,7}$")
    static let summaryStem = CompiledPattern("^ms\\d\\d-[a-z]{3}(-sum)?$")
    static let investigationStem = CompiledPattern("^msvr\\d\\d-\\d{3}$")
    /// The stems above as `StemShape`s, for ASCII stems.
    static let bulletinShapes: [StaticString] = ["ms##-###"]
    static let advisoryShapes: [StaticString] = ["######", "#######"]
    static let summaryShapes: [StaticString] = ["ms##-@@@", "ms##-@@@-sum"]
    static let investigationShapes: [StaticString] = ["msvr##-###"]
    private static let monthStems = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    public init(relative: String) {
        self.relative = relative
        let segments = relative.split(separator: "/").map(String.init)
        let file = segments.last ?? relative
        let stem = file.lowercased().hasSuffix(".md") ? String(file.dropLast(3)) : file
        let lowerStem = stem.lowercased()
        let folder = segments.count > 1 ? segments[0].lowercased() : ""
        year = segments.dropLast().compactMap { Int($0) }.first { (1990...2100).contains($0) }

        func matches(_ pattern: CompiledPattern, _ shapes: [StaticString]) -> Bool {
            StemShape.matches(lowerStem, anyOf: shapes) ?? pattern.matches(lowerStem)
        }
        switch folder {
        case "securitybulletins" where matches(Self.bulletinStem, Self.bulletinShapes):
            kind = .bulletin
            id = stem.uppercased()
        case "securityadvisories" where matches(Self.advisoryStem, Self.advisoryShapes),
             "securityinformationdocuments" where matches(Self.advisoryStem, Self.advisoryShapes):
            kind = .advisory
            id = stem
        case "securitybulletinsummaries" where matches(Self.summaryStem, Self.summaryShapes):
            kind = .summary
            id = stem.uppercased()
        case "microsoftvulnerabilityinvestigationbulletin" where matches(Self.investigationStem, Self.investigationShapes),
             "vulnerabilityresearchadvisories" where matches(Self.investigationStem, Self.investigationShapes):
            kind = .investigation
            id = stem.uppercased()
        case "windowsupdateservices", "windowsrightsmanagementservices", "security":
            kind = .library
            id = stem
        case "acknowledgments":
            kind = .acknowledgment
            id = stem
        case "glossary":
            kind = .glossary
            id = stem
        default:
            kind = .landing
            id = segments.count > 1 ? segments.dropLast().joined(separator: "-") + "-" + stem : stem
        }
        slug = DocumentPath.slug(for: relative)
    }

    /// `SecurityAdvisories/2008/954474.md` → `securityadvisories/2008/954474`; `Library/index.md` → `library`.
    /// A content root's own `index.md` keeps the slug `index`: the locale's folder is the home page.
    public static func slug(for relative: String) -> String {
        let path = lowercasedStem(of: relative)
        // Every scalar becomes one ASCII byte: itself when a slug may hold it, else `-`.
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9", "-", "_", "/", ".":
                out.append(UInt8(truncatingIfNeeded: scalar.value))
            default:
                out.append(UInt8(ascii: "-"))
            }
        }
        if out.count >= 6, out[(out.count - 6)...].elementsEqual("/index".utf8) { out.removeLast(6) }
        return String(decoding: out, as: UTF8.self)
    }

    /// `path` lower-cased, without a final `.md` in any case: `SecurityBulletins/MS16-001.MD` →
    /// `securitybulletins/ms16-001`.
    public static func lowercasedStem<Path: StringProtocol>(of path: Path) -> String {
        var stem = path.lowercased()
        if stem.hasSuffix(".md") { stem.removeLast(3) }
        return stem
    }

    /// The locale tag a path names in one of its folders (`…/ja-jp/…` → `ja-JP`).
    public static func locale(inPath path: String, catalog: LocaleCatalog = .shared) -> String? {
        for segment in path.split(separator: "/").reversed() {
            if let tag = catalog.canonicalTag(String(segment)) { return tag }
        }
        return nil
    }

    /// The part of `path` below the content root, found by the first known kind folder.
    public static func relativeToContentRoot(_ path: String) -> String {
        let known: Set<String> = [
            "securitybulletins", "securityadvisories", "securityinformationdocuments", "securitybulletinsummaries",
            "microsoftvulnerabilityinvestigationbulletin", "vulnerabilityresearchadvisories", "windowsupdateservices",
            "windowsrightsmanagementservices", "security", "acknowledgments", "glossary",
        ]
        let segments = path.split(separator: "/").map(String.init)
        if let index = segments.firstIndex(where: { known.contains($0.lowercased()) }) {
            return segments[index...].joined(separator: "/")
        }
        return segments.last ?? path
    }
}

extension Advisory {
    /// The record of a file that could not be read: id, kind and title from its path alone.
    public static func unread(path: String, relative: String, locale: String) -> Advisory {
        let location = DocumentPath(relative: relative)
        return Advisory(id: location.id, kind: location.kind, locale: locale, title: location.id, source: SourceInfo(path: path))
    }
}
