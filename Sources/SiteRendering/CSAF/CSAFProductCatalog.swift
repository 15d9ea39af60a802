import AdvisoryModel
import Foundation

/// The distinct products of a record, with ids, and the tree they form.
struct CSAFProductCatalog {
    struct Entry {
        var branchName: String
        var leafName: String
        var isGrouped: Bool
        var fullName: String
        var productID: String
        var knowledgeBase: [String]
    }

    var vendor: String
    var entries: [Entry] = []
    /// `vendor` lower-cased, for `fullProductName`.
    private let lowercaseVendor: String

    init(advisory: Advisory, vendor: String) {
        self.vendor = vendor
        lowercaseVendor = vendor.lowercased()
        var indexByFullName = CanonicalStringTable(minimumCapacity: advisory.products.count)
        for product in advisory.products {
            let name = product.name.csafTrimmed.csafCollapsingWhitespace
            let group = (product.group ?? "").csafTrimmed.csafCollapsingWhitespace
            guard !name.isEmpty || !group.isEmpty else { continue }
            let leaf = name.isEmpty ? group : name
            let isGrouped = !group.isEmpty && group != leaf
            let plainName = isGrouped && !Self.mentions(leaf, group) ? "\(group) (\(leaf))" : leaf
            let fullName = fullProductName(plainName)
            let kbs = CSAFWriter.knowledgeBaseNumbers(product.kb)
            if let index = indexByFullName.value(for: fullName, insertingIfAbsent: entries.count) {
                entries[index].knowledgeBase = CSAFWriter.knowledgeBaseNumbers(entries[index].knowledgeBase + kbs)
                continue
            }
            entries.append(Entry(
                branchName: isGrouped ? group : leaf, leafName: leaf, isGrouped: isGrouped,
                fullName: fullName, productID: Self.productID(entries.count + 1), knowledgeBase: kbs
            ))
        }
    }

    /// `name.localizedCaseInsensitiveContains(part)`. When both are printable ASCII, case folding
    /// is A–Z to a–z in every locale but Turkish and Azerbaijani (dotless i), so outside those the
    /// answer comes from the bytes; otherwise from Foundation. The name may also hold CJK
    /// ideographs (U+4000–U+9FFF: `Windows Server 2003 的 Itanium`), fullwidth parentheses and the
    /// Latin-1 letters but `ß` (`für`): precomposed characters that no ASCII part matches (the
    /// search is width- and diacritic-sensitive; `ß` folds to `ss`), with no combining mark a
    /// match could split. The part may hold those CJK ideographs too (`Windows 8 和 Windows 8.1`):
    /// they have no case and no other form, so each matches only its own three bytes, and UTF-8
    /// lets a part that starts with one match only where a character starts.
    static func mentions(_ name: String, _ part: String) -> Bool {
        guard !part.isEmpty, !foldsDotlessI, let answer = asciiFoldedContains(name, part) else {
            return name.localizedCaseInsensitiveContains(part)
        }
        return answer
    }

    /// Whether the current locale folds `I` to dotless `ı`.
    private static let foldsDotlessI = ["tr", "az"].contains(Locale.current.identifier.prefix { $0 != "_" && $0 != "-" }.lowercased())

    /// Whether `part` occurs in `name` with A–Z folded to a–z; nil unless `part` is printable ASCII
    /// and CJK ideographs of U+4000–U+9FFF and `name` those and the other characters
    /// `isPlainForASCIISearch` allows in a name.
    static func asciiFoldedContains(_ name: String, _ part: String) -> Bool? {
        var name = name
        var part = part
        return name.withUTF8 { hay in
            part.withUTF8 { needle -> Bool? in
                guard isPlainForASCIISearch(hay, name: true), isPlainForASCIISearch(needle, name: false) else { return nil }
                guard needle.count <= hay.count else { return false }
                guard let firstByte = needle.first else { return true }
                let first = firstByte.lowercasedASCII
                for start in 0...(hay.count - needle.count) where hay[start].lowercasedASCII == first {
                    var matched = 1
                    while matched < needle.count, hay[start + matched].lowercasedASCII == needle[matched].lowercasedASCII { matched += 1 }
                    if matched == needle.count { return true }
                }
                return false
            }
        }
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool { byte >= 0x20 && byte < 0x7F }

    /// True when every character of the UTF-8 `bytes` (a `String`'s, so well formed) is printable
    /// ASCII or a CJK ideograph of U+4000–U+9FFF (three bytes led by E4–E9), and in a `name` also
    /// a fullwidth parenthesis (EF BC 88/89) or a Latin-1 letter of U+00C0–U+00FF other than `ß`
    /// (C3 80–BF but 9F).
    private static func isPlainForASCIISearch(_ bytes: UnsafeBufferPointer<UInt8>, name: Bool) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isPrintableASCII(byte) {
                index += 1
            } else if byte >= 0xE4, byte <= 0xE9 {
                index += 3
            } else if name, byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBC, bytes[index + 2] == 0x88 || bytes[index + 2] == 0x89 {
                index += 3
            } else if name, byte == 0xC3, index + 1 < bytes.count, bytes[index + 1] != 0x9F {
                index += 2
            } else {
                return false
            }
        }
        return true
    }

    /// `CSAFPID-0001`, `CSAFPID-0002`, ….
    static func productID(_ number: Int) -> String {
        let digits = String(number)
        return "CSAFPID-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The vendor-prefixed full product name (`Microsoft System Center Configuration Manager 2007`).
    func fullProductName(_ name: String) -> String {
        vendor.isEmpty || Self.startsWithLowercased(name, lowercaseVendor) ? name : vendor + " " + name
    }

    /// `name.lowercased().hasPrefix(prefix)`, on bytes when both sides are ASCII up to just past
    /// the prefix (where each byte is a character, but for CR LF, and lower-casing is per byte).
    /// Also false at once when the prefix is ASCII and the name starts with a CJK ideograph or a
    /// Hangul syllable (`用于基于 x64 的系统的 Windows 7`): such a scalar has no case and no
    /// decomposition, so the lower-cased name starts with it, and an ASCII prefix never does.
    static func startsWithLowercased(_ name: String, _ prefix: String) -> Bool {
        var name = name
        var prefix = prefix
        let answer: Bool? = name.withUTF8 { nameBytes in
            prefix.withUTF8 { prefixBytes in
                if !prefixBytes.isEmpty, startsWithCaselessCJK(nameBytes), ByteWords.isAllASCII(prefixBytes) { return false }
                guard prefixBytes.count <= nameBytes.count else { return ByteWords.isAllASCII(prefixBytes) && ByteWords.isAllASCII(nameBytes) ? false : nil }
                let checked = min(nameBytes.count, prefixBytes.count + 1)
                guard ByteWords.isAllASCII(UnsafeBufferPointer(rebasing: nameBytes[..<checked])), ByteWords.isAllASCII(prefixBytes),
                      !prefixBytes.contains(0x0D) else { return nil }
                for (byte, expected) in zip(nameBytes, prefixBytes) {
                    let lower = byte.lowercasedASCII
                    if lower != expected { return false }
                }
                return true
            }
        }
        return answer ?? name.lowercased().hasPrefix(prefix)
    }

    /// Whether the UTF-8 `bytes` start with a unified ideograph (U+3400–U+4DBF, U+4E00–U+9FFF)
    /// or a Hangul syllable (U+AC00–U+D7A3).
    private static func startsWithCaselessCJK(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= 3, bytes[0] & 0xF0 == 0xE0 else { return false }
        let scalar = UInt32(bytes[0] & 0x0F) << 12 | UInt32(bytes[1] & 0x3F) << 6 | UInt32(bytes[2] & 0x3F)
        switch scalar {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3: return true
        default: return false
        }
    }

    /// Adds the one product a security advisory without an affected-software table stands for.
    mutating func addFallbackProduct(named name: String) {
        entries.append(Entry(
            branchName: name, leafName: name, isGrouped: false, fullName: fullProductName(name),
            productID: Self.productID(entries.count + 1), knowledgeBase: []
        ))
    }

    /// vendor → product_name per branch name → products; nil when there are no products.
    var productTree: CSAFDocument.ProductTree? {
        guard !entries.isEmpty else { return nil }
        // The entries by branch name, in the order of each name's first entry.
        var groups: [(name: String, members: [Entry])] = []
        var groupByName = CanonicalStringTable(minimumCapacity: entries.count)
        for entry in entries {
            if let group = groupByName.value(for: entry.branchName, insertingIfAbsent: groups.count) {
                groups[group].members.append(entry)
            } else {
                groups.append((entry.branchName, [entry]))
            }
        }
        let productBranches = groups.map { name, group -> CSAFDocument.Branch in
            if group.count == 1, let only = group.first, !only.isGrouped {
                return CSAFDocument.Branch(category: "product_name", name: name, product: .init(name: only.fullName, productID: only.productID))
            }
            return CSAFDocument.Branch(category: "product_name", name: name, branches: group.map {
                CSAFDocument.Branch(category: "product_version", name: $0.leafName, product: .init(name: $0.fullName, productID: $0.productID))
            })
        }
        return CSAFDocument.ProductTree(branches: [CSAFDocument.Branch(category: "vendor", name: vendor.isEmpty ? "Unknown" : vendor, branches: productBranches)])
    }
}
