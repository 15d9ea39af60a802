import AdvisoryModel

extension AffectedSoftwareReader {
    /// `products` without the ones equal to an earlier one in group, name and component (as
    /// Strings: canonically equivalent). When every key is plain text (`LabelComparison.isPlain`:
    /// no scalar of it decomposes or composes), keys are equal exactly when their bytes are, and
    /// are hashed on their bytes, without the normalisation a String's hash does beyond ASCII.
    static func withoutRepeats(_ products: [AffectedProduct]) -> [AffectedProduct] {
        let keys = products.map { "\($0.group ?? "")\u{0}\($0.name)\u{0}\($0.component ?? "")" }
        var kept: [AffectedProduct] = []
        kept.reserveCapacity(products.count)
        if keys.allSatisfy({ LabelComparison.isPlain(Substring($0).utf8) }) {
            var seen = Set<PlainKey>(minimumCapacity: keys.count)
            for (product, key) in zip(products, keys) where seen.insert(PlainKey(text: key)).inserted { kept.append(product) }
        } else {
            var seen = Set<String>(minimumCapacity: keys.count)
            for (product, key) in zip(products, keys) where seen.insert(key).inserted { kept.append(product) }
        }
        return kept
    }

    /// A String of plain text, equal to another and hashed by its UTF-8 bytes.
    struct PlainKey: Hashable {
        var text: String

        static func == (left: PlainKey, right: PlainKey) -> Bool {
            left.text.utf8.elementsEqual(right.text.utf8)
        }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
