/// What a prepared document or an output is made from, as one value: when the key of the last
/// build's file equals the plan's, the file is still right and is kept. A content digest
/// (`ContentHash`) or, for a copied file, its source's `FileStamp`.
public struct ContentKey: Hashable, Sendable, CustomStringConvertible {
    /// The key as the manifest stores it (hexadecimal digest or stamp text).
    public let description: String

    init(_ hash: ContentHash) {
        description = hash.description
    }

    /// The digest of `parts` (each length-prefixed, see `ContentHash(parts:)`).
    init(parts: [String]) {
        self.init(ContentHash(parts: parts))
    }

    /// A key read back from the manifest, or a file stamp.
    init(stored: String) {
        description = stored
    }
}
