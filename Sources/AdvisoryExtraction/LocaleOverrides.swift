import Foundation

extension LocaleProfile {
    /// This pack with `additions`' labels and severity words put in front of its own
    /// (a word already present is not repeated); `script` and `numericDate` are taken from
    /// `additions` when it is a pack of its own (see `LocaleCatalog.applying`).
    public func adding(_ additions: LocaleProfile) -> LocaleProfile {
        var merged = self
        for (_, field) in Self.labelFields {
            merged[keyPath: field] = Self.union(additions[keyPath: field], self[keyPath: field])
        }
        for rating in Self.ratings where additions.severity[rating] != nil {
            merged.severity[rating] = Self.union(additions.severity[rating] ?? [], severity[rating] ?? [])
        }
        return merged
    }

    /// The label list called `name` in a pack file (`revisions`, `notAffected`), or nil.
    public static func labelField(named name: String) -> WritableKeyPath<LocaleProfile, [String]>? {
        labelFields.first { $0.0.stringValue == name }?.1
    }

    private static func union(_ first: [String], _ second: [String]) -> [String] {
        var seen = Set<String>()
        return (first + second).filter { seen.insert($0.lowercased()).inserted }
    }
}

extension LocaleCatalog {
    /// The catalogue with a publisher's additions (`labels:` in `site.yml`): each entry is added
    /// to the pack of its exact tag, or becomes a new pack when Herald has none for that tag.
    public func applying(_ additions: [LocaleProfile]) -> LocaleCatalog {
        guard !additions.isEmpty else { return self }
        var profiles = self.profiles
        for addition in additions {
            if let index = profiles.firstIndex(where: { $0.tag.caseInsensitiveCompare(addition.tag) == .orderedSame }) {
                profiles[index] = profiles[index].adding(addition)
            } else {
                let cldr = CLDRDateForms.forms(for: addition.tag)
                var profile = LocaleProfile(tag: addition.tag, script: addition.script, numericDate: cldr.numericOrder)
                profile = profile.adding(addition)
                profiles.append(profile)
            }
        }
        return LocaleCatalog(profiles: profiles)
    }
}
