import AdvisoryModel

// The CSAF document's JSON written without `Codable` (``JSONWritable``): the bytes of its
// `encode(to:)`, which leaves out what is nil (`encodeIfPresent`).

extension CSAFDocument: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .document: json.field(name, document)
            case .productTree: json.field(name, ifPresent: productTree)
            case .vulnerabilities:
                guard let vulnerabilities else { return }
                var repeated = Vulnerability.RepeatedArrays()
                json.field(name) { json in
                    var isFirst = true
                    json.writeArray(vulnerabilities) { vulnerability, json in
                        vulnerability.writeJSON(to: &json, repeating: &repeated)
                        guard isFirst else { return }
                        isFirst = false
                        // Room for the copies the others will take of the first one's arrays.
                        json.reserveCapacity(forMore: vulnerabilities.dropFirst().reduce(0) { $0 + repeated.byteCount(ofCopiesFor: $1) })
                    }
                }
            }
        }
    }
}

extension CSAFDocument.Metadata: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .category: json.field(name, category)
            case .csafVersion: json.field(name, csafVersion)
            case .lang: json.field(name, ifPresent: lang)
            case .sourceLang: json.field(name, ifPresent: sourceLang)
            case .title: json.field(name, title)
            case .publisher: json.field(name, publisher)
            case .tracking: json.field(name, tracking)
            case .notes: json.field(name, ifPresent: notes)
            case .references: json.field(name, ifPresent: references)
            case .distribution: json.field(name, ifPresent: distribution)
            case .aggregateSeverity: json.field(name, ifPresent: aggregateSeverity)
            }
        }
    }
}

extension CSAFDocument.Publisher: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .category: json.field(name, category)
            case .name: json.field(name, self.name)
            case .namespace: json.field(name, namespace)
            case .issuingAuthority: json.field(name, ifPresent: issuingAuthority)
            case .contactDetails: json.field(name, ifPresent: contactDetails)
            }
        }
    }
}

extension CSAFDocument.Tracking: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .id: json.field(name, id)
            case .status: json.field(name, status)
            case .version: json.field(name, version)
            case .initialReleaseDate: json.field(name, initialReleaseDate)
            case .currentReleaseDate: json.field(name, currentReleaseDate)
            case .revisionHistory: json.field(name, revisionHistory)
            case .generator: json.field(name, ifPresent: generator)
            }
        }
    }
}

extension CSAFDocument.RevisionItem: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .date: json.field(name, date)
            case .number: json.field(name, number)
            case .summary: json.field(name, summary)
            case .legacyVersion: json.field(name, ifPresent: legacyVersion)
            }
        }
    }
}

extension CSAFDocument.Generator: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .engine: json.field(name, engine)
            }
        }
    }
}

extension CSAFDocument.Generator.Engine: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .name: json.field(name, self.name)
            case .version: json.field(name, ifPresent: version)
            }
        }
    }
}

extension CSAFDocument.Note: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .category: json.field(name, category)
            case .title: json.field(name, ifPresent: title)
            case .text: json.field(name, text)
            }
        }
    }
}

extension CSAFDocument.Reference: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .category: json.field(name, ifPresent: category)
            case .summary: json.field(name, summary)
            case .url: json.field(name, url)
            }
        }
    }
}

extension CSAFDocument.Distribution: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .tlp: json.field(name, tlp)
            }
        }
    }
}

extension CSAFDocument.Distribution.TLP: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .label: json.field(name, label)
            case .url: json.field(name, ifPresent: url)
            }
        }
    }
}

extension CSAFDocument.AggregateSeverity: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .text: json.field(name, text)
            case .namespace: json.field(name, ifPresent: namespace)
            }
        }
    }
}

extension CSAFDocument.ProductTree: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .branches: json.field(name, branches)
            }
        }
    }
}

extension CSAFDocument.Branch: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .category: json.field(name, category)
            case .name: json.field(name, self.name)
            case .branches: json.field(name, ifPresent: branches)
            case .product: json.field(name, ifPresent: product)
            }
        }
    }
}

extension CSAFDocument.Product: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .name: json.field(name, self.name)
            case .productID: json.field(name, productID)
            }
        }
    }
}

extension CSAFDocument.Vulnerability: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    /// The bytes of the arrays the vulnerabilities of one document repeat (``CSAFWriter`` gives
    /// each the same remediations and affected products), written once.
    struct RepeatedArrays {
        var remediations = JSONRepeatedArray<CSAFDocument.Remediation>()
        var knownAffected = JSONRepeatedArray<String>()

        /// The bytes `vulnerability` will copy from these.
        func byteCount(ofCopiesFor vulnerability: CSAFDocument.Vulnerability) -> Int {
            remediations.byteCount(ofCopyFor: vulnerability.remediations) + knownAffected.byteCount(ofCopyFor: vulnerability.productStatus?.knownAffected)
        }
    }

    public func writeJSON(to json: inout JSONWriter) {
        var repeated = RepeatedArrays()
        writeJSON(to: &json, repeating: &repeated)
    }

    /// ``writeJSON(to:)``, copying the bytes of a remediations or known-affected array that
    /// `repeated` holds for the same array.
    func writeJSON(to json: inout JSONWriter, repeating repeated: inout RepeatedArrays) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .cve: json.field(name, ifPresent: cve)
            case .notes: json.field(name, ifPresent: notes)
            case .productStatus:
                guard let productStatus else { return }
                json.field(name) { productStatus.writeJSON(to: &$0, repeatingKnownAffected: &repeated.knownAffected) }
            case .remediations: json.field(name, ifPresent: remediations, repeating: &repeated.remediations)
            }
        }
    }
}

extension CSAFDocument.ProductStatus: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        var repeated = JSONRepeatedArray<String>()
        writeJSON(to: &json, repeatingKnownAffected: &repeated)
    }

    func writeJSON(to json: inout JSONWriter, repeatingKnownAffected repeated: inout JSONRepeatedArray<String>) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .knownAffected: json.field(name, ifPresent: knownAffected, repeating: &repeated)
            case .fixed: json.field(name, ifPresent: fixed)
            case .knownNotAffected: json.field(name, ifPresent: knownNotAffected)
            case .underInvestigation: json.field(name, ifPresent: underInvestigation)
            }
        }
    }
}

extension CSAFDocument.Remediation: JSONWritable {
    private static let jsonKeys = JSONKeyOrder<CodingKeys>()

    public func writeJSON(to json: inout JSONWriter) {
        json.writeObject(Self.jsonKeys) { json, key, name in
            switch key {
            case .category: json.field(name, category)
            case .details: json.field(name, details)
            case .url: json.field(name, ifPresent: url)
            case .productIDs: json.field(name, ifPresent: productIDs)
            }
        }
    }
}
