import Foundation

/// A CSAF 2.0 document as a value tree: the subset of the OASIS schema Herald emits.
///
/// Property names follow the schema (`product_tree`, `current_release_date`, ...) through explicit
/// coding keys, so the encoding does not depend on an encoder key strategy. Optional properties that
/// are `nil` are left out of the JSON, as the schema wants for absent elements.
public struct CSAFDocument: Codable, Hashable, Sendable {
    /// `/document`: the metadata of the advisory.
    public var document: Metadata
    /// `/product_tree`: the products the document speaks about.
    public var productTree: ProductTree?
    /// `/vulnerabilities`: one item per CVE (security advisories only).
    public var vulnerabilities: [Vulnerability]?

    public init(document: Metadata, productTree: ProductTree? = nil, vulnerabilities: [Vulnerability]? = nil) {
        self.document = document
        self.productTree = productTree
        self.vulnerabilities = vulnerabilities
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case document
        case productTree = "product_tree"
        case vulnerabilities
    }

    /// The CSAF profiles Herald produces (`/document/category`).
    public enum Category: String, Codable, Hashable, Sendable {
        case informationalAdvisory = "csaf_informational_advisory"
        case securityAdvisory = "csaf_security_advisory"
        case base = "csaf_base"
        case vex = "csaf_vex"
        case securityIncidentResponse = "csaf_security_incident_response"
    }

    /// `/document`.
    public struct Metadata: Codable, Hashable, Sendable {
        public var category: String
        public var csafVersion: String
        public var lang: String?
        public var sourceLang: String?
        public var title: String
        public var publisher: Publisher
        public var tracking: Tracking
        public var notes: [Note]?
        public var references: [Reference]?
        public var distribution: Distribution?
        public var aggregateSeverity: AggregateSeverity?

        public init(
            category: String, csafVersion: String = "2.0", lang: String? = nil, sourceLang: String? = nil,
            title: String, publisher: Publisher, tracking: Tracking, notes: [Note]? = nil,
            references: [Reference]? = nil, distribution: Distribution? = nil, aggregateSeverity: AggregateSeverity? = nil
        ) {
            self.category = category
            self.csafVersion = csafVersion
            self.lang = lang
            self.sourceLang = sourceLang
            self.title = title
            self.publisher = publisher
            self.tracking = tracking
            self.notes = notes
            self.references = references
            self.distribution = distribution
            self.aggregateSeverity = aggregateSeverity
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case category
            case csafVersion = "csaf_version"
            case lang
            case sourceLang = "source_lang"
            case title, publisher, tracking, notes, references, distribution
            case aggregateSeverity = "aggregate_severity"
        }
    }

    /// `/document/publisher`, also the `publisher` of `provider-metadata.json`.
    public struct Publisher: Codable, Hashable, Sendable {
        public var category: String
        public var name: String
        public var namespace: String
        public var issuingAuthority: String?
        public var contactDetails: String?

        public init(category: String, name: String, namespace: String, issuingAuthority: String? = nil, contactDetails: String? = nil) {
            self.category = category
            self.name = name
            self.namespace = namespace
            self.issuingAuthority = issuingAuthority
            self.contactDetails = contactDetails
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case category, name, namespace
            case issuingAuthority = "issuing_authority"
            case contactDetails = "contact_details"
        }
    }

    /// `/document/tracking`.
    public struct Tracking: Codable, Hashable, Sendable {
        public var id: String
        public var status: String
        public var version: String
        public var initialReleaseDate: String
        public var currentReleaseDate: String
        public var revisionHistory: [RevisionItem]
        public var generator: Generator?

        public init(
            id: String, status: String, version: String, initialReleaseDate: String, currentReleaseDate: String,
            revisionHistory: [RevisionItem], generator: Generator? = nil
        ) {
            self.id = id
            self.status = status
            self.version = version
            self.initialReleaseDate = initialReleaseDate
            self.currentReleaseDate = currentReleaseDate
            self.revisionHistory = revisionHistory
            self.generator = generator
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case id, status, version, generator
            case initialReleaseDate = "initial_release_date"
            case currentReleaseDate = "current_release_date"
            case revisionHistory = "revision_history"
        }
    }

    /// One item of `/document/tracking/revision_history`.
    public struct RevisionItem: Codable, Hashable, Sendable {
        public var date: String
        public var number: String
        public var summary: String
        public var legacyVersion: String?

        public init(date: String, number: String, summary: String, legacyVersion: String? = nil) {
            self.date = date
            self.number = number
            self.summary = summary
            self.legacyVersion = legacyVersion
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case date, number, summary
            case legacyVersion = "legacy_version"
        }
    }

    /// `/document/tracking/generator`, without its `date`: documents do not depend on the clock.
    public struct Generator: Codable, Hashable, Sendable {
        public var engine: Engine

        public init(engine: Engine) { self.engine = engine }

        enum CodingKeys: String, CodingKey, CaseIterable { case engine }

        /// The engine that wrote the document.
        public struct Engine: Codable, Hashable, Sendable {
            public var name: String
            public var version: String?

            public init(name: String, version: String? = nil) {
                self.name = name
                self.version = version
            }

            enum CodingKeys: String, CodingKey, CaseIterable { case name, version }
        }
    }

    /// A note of the document or of a vulnerability.
    public struct Note: Codable, Hashable, Sendable {
        /// One of `description`, `details`, `faq`, `general`, `legal_disclaimer`, `other`, `summary`.
        public var category: String
        public var title: String?
        public var text: String

        public init(category: String, title: String? = nil, text: String) {
            self.category = category
            self.title = title
            self.text = text
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case category, title, text }
    }

    /// A reference of the document: `self` or `external`.
    public struct Reference: Codable, Hashable, Sendable {
        public var category: String?
        public var summary: String
        public var url: String

        public init(category: String? = nil, summary: String, url: String) {
            self.category = category
            self.summary = summary
            self.url = url
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case category, summary, url }
    }

    /// `/document/distribution`: the TLP label.
    public struct Distribution: Codable, Hashable, Sendable {
        public var tlp: TLP

        public init(tlp: TLP) { self.tlp = tlp }

        enum CodingKeys: String, CodingKey, CaseIterable { case tlp }

        /// The Traffic Light Protocol label and where it is defined.
        public struct TLP: Codable, Hashable, Sendable {
            public var label: String
            public var url: String?

            public init(label: String, url: String? = nil) {
                self.label = label
                self.url = url
            }

            enum CodingKeys: String, CodingKey, CaseIterable { case label, url }
        }
    }

    /// `/document/aggregate_severity`: the severity as the document states it.
    public struct AggregateSeverity: Codable, Hashable, Sendable {
        public var text: String
        public var namespace: String?

        public init(text: String, namespace: String? = nil) {
            self.text = text
            self.namespace = namespace
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case text, namespace }
    }

    /// `/product_tree`.
    public struct ProductTree: Codable, Hashable, Sendable {
        public var branches: [Branch]

        public init(branches: [Branch]) { self.branches = branches }

        enum CodingKeys: String, CodingKey, CaseIterable { case branches }

        /// Every product defined in the tree, depth first.
        public var allProducts: [Product] {
            var products: [Product] = []
            func visit(_ branch: Branch) {
                if let product = branch.product { products.append(product) }
                branch.branches?.forEach(visit)
            }
            branches.forEach(visit)
            return products
        }
    }

    /// A branch of the product tree: exactly `category`, `name` and either `branches` or `product`.
    public struct Branch: Codable, Hashable, Sendable {
        public var category: String
        public var name: String
        public var branches: [Branch]?
        public var product: Product?

        /// A branch holding further branches.
        public init(category: String, name: String, branches: [Branch]) {
            self.category = category
            self.name = name
            self.branches = branches
            self.product = nil
        }

        /// A leaf branch holding one product.
        public init(category: String, name: String, product: Product) {
            self.category = category
            self.name = name
            self.branches = nil
            self.product = product
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case category, name, branches, product }
    }

    /// A full product name with its product id.
    public struct Product: Codable, Hashable, Sendable {
        public var name: String
        public var productID: String

        public init(name: String, productID: String) {
            self.name = name
            self.productID = productID
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case productID = "product_id"
        }
    }

    /// One item of `/vulnerabilities`.
    public struct Vulnerability: Codable, Hashable, Sendable {
        public var cve: String?
        public var notes: [Note]?
        public var productStatus: ProductStatus?
        public var remediations: [Remediation]?

        public init(cve: String? = nil, notes: [Note]? = nil, productStatus: ProductStatus? = nil, remediations: [Remediation]? = nil) {
            self.cve = cve
            self.notes = notes
            self.productStatus = productStatus
            self.remediations = remediations
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case cve, notes, remediations
            case productStatus = "product_status"
        }
    }

    /// `product_status` of a vulnerability: lists of product ids.
    public struct ProductStatus: Codable, Hashable, Sendable {
        public var knownAffected: [String]?
        public var fixed: [String]?
        public var knownNotAffected: [String]?
        public var underInvestigation: [String]?

        public init(knownAffected: [String]? = nil, fixed: [String]? = nil, knownNotAffected: [String]? = nil, underInvestigation: [String]? = nil) {
            self.knownAffected = knownAffected
            self.fixed = fixed
            self.knownNotAffected = knownNotAffected
            self.underInvestigation = underInvestigation
        }

        /// Every product id any list names.
        public var allProductIDs: [String] {
            (knownAffected ?? []) + (fixed ?? []) + (knownNotAffected ?? []) + (underInvestigation ?? [])
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case fixed
            case knownAffected = "known_affected"
            case knownNotAffected = "known_not_affected"
            case underInvestigation = "under_investigation"
        }
    }

    /// A remediation of a vulnerability, such as a `vendor_fix` in a Knowledge Base article.
    public struct Remediation: Codable, Hashable, Sendable {
        public var category: String
        public var details: String
        public var url: String?
        public var productIDs: [String]?

        public init(category: String, details: String, url: String? = nil, productIDs: [String]? = nil) {
            self.category = category
            self.details = details
            self.url = url
            self.productIDs = productIDs
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case category, details, url
            case productIDs = "product_ids"
        }
    }
}
