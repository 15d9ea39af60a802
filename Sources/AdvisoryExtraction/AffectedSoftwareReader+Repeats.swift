import AdvisoryModel

extension AffectedSoftwareReader {
    /// `products` without the ones equal to an earlier one in group, name and component (as
    /// Strings: canonically equivalent), told apart by their bytes while the keys are plain
    /// (`CanonicalStringTable`).
    static func withoutRepeats(_ products: [AffectedProduct]) -> [AffectedProduct] {
        var seen = CanonicalStringTable(minimumCapacity: products.count)
        return products.filter { seen.insert("\($0.group ?? "")\u{0}\($0.name)\u{0}\($0.component ?? "")") }
    }
}
