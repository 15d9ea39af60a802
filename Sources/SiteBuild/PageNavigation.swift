import AdvisoryModel
import SiteRendering

/// The navigation of every page, made once per build: each locale's kind list, each TOC level
/// and each folder's list of documents as bytes, with the place in each link where a page marks
/// itself (` aria-current="page"`). A page copies its branch and inserts its own mark, so its
/// navigation costs what its bytes cost.
struct PageNavigation: Sendable {
    /// One `<li>` of a list, and where the current page's mark goes in it (links only).
    struct Item: Sendable {
        var html: [UInt8]
        var markOffset: Int?
        /// The source file the link points to (TOC entries).
        var target: String?
    }

    /// A level of a TOC: its entries and, per entry, the level below it.
    struct TOCLevel: Sendable {
        var items: [Item]
        var children: [TOCLevel]
    }

    /// The list of a folder's documents (the page's own folder when the TOC does not list it).
    struct FolderList: Sendable {
        /// The heading and the list's opening tag.
        var head: [UInt8]
        var items: [Item]
        /// Relative path of each document → its place in `items`.
        var positions: [String: Int]
    }

    /// A list longer than this shows a window of its entries around the open one.
    static let longList = 60
    /// How many entries a window shows on either side of the open one.
    static let windowReach = 25

    static let mark = Array(" aria-current=\"page\"".utf8)

    private let kinds: [String: [UInt8]]
    private let tocs: [String: TOCLevel]
    private let tocPaths: [String: [String: [Int]]]
    private let folders: [String: FolderList]
    private let firstLocale: String

    /// The three parts at once (each locale's kinds, the TOCs, the folder lists): a one-changed
    /// build makes them all again, and the TOCs and folder lists take about as long.
    init(site: SiteModel, strings: StringsCatalog) {
        (kinds, tocs, folders) = inParallel({ Self.kinds(site: site, strings: strings) }, { Self.tocs(site: site, strings: strings) },
                                            { Self.folders(site: site, strings: strings) })
        tocPaths = site.tocPaths
        firstLocale = site.locales.first ?? ""
    }

    private static func kinds(site: SiteModel, strings: StringsCatalog) -> [String: [UInt8]] {
        let layout = site.layout
        var kinds: [String: [UInt8]] = [:]
        for locale in site.locales {
            let text = strings.strings(locale)
            var html = "<ul class=\"nav-kinds\">\n"
            for kind in site.kinds[locale] ?? [] {
                html += "<li><a href=\"\(Escaping.attribute(layout.link(layout.kindIndexPath(locale: locale, kind: kind))))\">\(Escaping.text(text["kind.\(kind.rawValue)"] ?? kind.rawValue))</a></li>\n"
            }
            kinds[locale] = Array((html + "</ul>\n").utf8)
        }
        return kinds
    }

    private static func tocs(site: SiteModel, strings: StringsCatalog) -> [String: TOCLevel] {
        let layout = site.layout
        var tocs: [String: TOCLevel] = [:]
        for (locale, entries) in site.tocs {
            let pages = site.resolvers[locale]?.pagesBySource ?? [:]
            let absent = Escaping.attribute(strings.strings(locale)["absent"] ?? "")
            func level(_ entries: [TOCEntry]) -> TOCLevel {
                TOCLevel(items: entries.map { item($0, pages: pages, layout: layout, absentTitle: absent) }, children: entries.map { level($0.children) })
            }
            tocs[locale] = level(entries)
        }
        return tocs
    }

    private static func folders(site: SiteModel, strings: StringsCatalog) -> [String: FolderList] {
        var folders: [String: FolderList] = [:]
        for (key, indices) in site.folders where indices.count > 1 {
            let locale = site.documents[indices[0]].locale
            let head = Array("<h2 class=\"nav-folder\">\(Escaping.text(strings.strings(locale)["otherDocuments"] ?? ""))</h2>\n<ul class=\"nav-folder\">\n".utf8)
            var items: [Item] = []
            var positions: [String: Int] = [:]
            for index in indices {
                let neighbour = site.documents[index]
                let link = Array("<li><a href=\"\(Escaping.attribute(site.pageLink(neighbour)))\"".utf8)
                positions[neighbour.relativePath] = items.count
                items.append(Item(html: link + Array(">\(Escaping.text(neighbour.advisory.tocTitle ?? neighbour.advisory.title))</a></li>\n".utf8), markOffset: link.count))
            }
            folders[key] = FolderList(head: head, items: items, positions: positions)
        }
        return folders
    }

    private static func item(_ entry: TOCEntry, pages: [String: String], layout: SiteLayout, absentTitle: String) -> Item {
        let name = Escaping.text(entry.name)
        if let target = entry.target, let page = pages[target] {
            let head = Array("<li><a href=\"\(Escaping.attribute(layout.link(page)))\"".utf8)
            return Item(html: head + Array(">\(name)</a></li>\n".utf8), markOffset: head.count, target: target)
        }
        if entry.isAbsent {
            return Item(html: Array("<li><span class=\"absent\" title=\"\(absentTitle)\">\(name)</span></li>\n".utf8))
        }
        return Item(html: Array("<li><span class=\"group\">\(name)</span></li>\n".utf8))
    }

    /// The navigation of a list page: the kinds of the first locale.
    var listPageHTML: String { String(decoding: kinds[firstLocale] ?? [], as: UTF8.self) }

    /// The navigation of a document's page, its own entry marked: the TOC branch that holds the
    /// page (top level plus the open path), or the list of its folder. A TOC level or folder list
    /// of over 60 entries shows the 25 on either side of the open one (`shown(of:around:)`).
    func append(for document: BuiltDocument, to out: inout [UInt8]) {
        out += kinds[document.locale] ?? []
        if let level = tocs[document.locale], let path = tocPaths[document.locale]?[document.relativePath] {
            out += "<ul class=\"nav-toc\">\n".utf8
            var level = level
            for open in path {
                for item in level.items[Self.shown(of: level.items.count, around: open)] {
                    Self.append(item.html, markedAt: item.target == document.relativePath ? item.markOffset : nil, to: &out)
                }
                level = level.children[open]
            }
            out += "</ul>\n".utf8
            return
        }
        guard let folder = folders[SiteModel.folderKey(document)], let open = folder.positions[document.relativePath] else { return }
        out += folder.head
        for position in Self.shown(of: folder.items.count, around: open) {
            let item = folder.items[position]
            Self.append(item.html, markedAt: position == open ? item.markOffset : nil, to: &out)
        }
        out += "</ul>\n".utf8
    }

    /// The entries a list of `count` shows when entry `open` is the page's: all of a list of up to
    /// `longList`, else `windowReach` on either side of `open`.
    static func shown(of count: Int, around open: Int) -> Range<Int> {
        count <= longList ? 0..<count : max(0, open - windowReach)..<min(count, open + windowReach + 1)
    }

    private static func append(_ html: [UInt8], markedAt offset: Int?, to out: inout [UInt8]) {
        guard let offset else {
            out += html
            return
        }
        out += html[..<offset]
        out += mark
        out += html[offset...]
    }
}
